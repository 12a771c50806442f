from django.urls import include, path

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("to-chuc/", include("thidua.org.urls")),
]

handler403 = "thidua.core.views.error_403"
handler404 = "thidua.core.views.error_404"
handler500 = "thidua.core.views.error_500"
