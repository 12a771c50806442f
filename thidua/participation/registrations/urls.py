from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("", views.index, name="index"),
    path("phong-trao/<int:pk>/", views.overview, name="overview"),
    path("phong-trao/<int:pk>/don-vi/<int:unit_id>/", views.start, name="start"),
    path("<int:registration_id>/", views.edit, name="edit"),
    path("<int:registration_id>/trang-thai/", views.transition, name="transition"),
]
