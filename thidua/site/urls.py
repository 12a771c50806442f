from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("viec-nen/<int:job_id>/", views.job_detail, name="job"),
    path("viec-nen/<int:job_id>/huy/", views.job_cancel, name="job_cancel"),
]
