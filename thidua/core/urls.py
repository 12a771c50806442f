from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("suc-khoe/", views.health, name="health"),
    path("thong-bao/<int:notification_id>/", views.notification_open, name="notification"),
    path("thong-bao/da-xem/", views.notifications_read, name="notifications_read"),
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("quen-mat-khau/", views.password_reset, name="password_reset"),
    path("quen-mat-khau/da-gui/", views.password_reset_done, name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", views.password_reset_complete, name="password_reset_complete"),
    path("ngon-ngu/", views.set_language, name="set_language"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("viec-nen/", views.my_jobs, name="my_jobs"),
    path("viec-nen/<int:job_id>/", views.job_detail, name="job"),
    path("viec-nen/<int:job_id>/huy/", views.job_cancel, name="job_cancel"),
]
