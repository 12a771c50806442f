from django.urls import include, path

from thidua.movements.urls import public_urlpatterns as public_movement_urls

urlpatterns = [
    path("", include("thidua.site.urls")),
    path("", include("thidua.core.urls")),
    path("to-chuc/", include("thidua.org.urls")),
    path("phong-trao/", include("thidua.movements.urls")),
    path("tham-gia/", include("thidua.participation.urls")),
    path("dang-ky-thi-dua/", include("thidua.participation.registrations.urls")),
    path("quy-vi-nguoi-ngheo/", include("thidua.fund.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    path("cong-khai/phong-trao/", include((public_movement_urls, "public"))),
]

handler403 = "thidua.core.views.error_403"
handler404 = "thidua.core.views.error_404"
handler500 = "thidua.core.views.error_500"
