from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("ho-gia-dinh/", views.households, name="households"),
    path("ho-gia-dinh/them/", views.household_add, name="household_add"),
    path("ho-gia-dinh/<int:household_id>/", views.household_detail, name="household"),
    path("ho-gia-dinh/<int:household_id>/sua/", views.household_edit, name="household_edit"),
    path("ho-gia-dinh/<int:household_id>/phan-loai/", views.household_classify, name="household_classify"),
    path("ho-gia-dinh/<int:household_id>/thanh-vien/", views.member_add, name="member_add"),
    path("ho-gia-dinh/thanh-vien/<int:member_id>/bo/", views.member_remove, name="member_remove"),
    path("ho-gia-dinh/nhap/", views.hh_import_start, name="hh_import_start"),
    path("ho-gia-dinh/nhap/mau.xlsx", views.hh_import_template, name="hh_import_template"),
    path("ho-gia-dinh/nhap/<int:hh_import_id>/", views.hh_import_detail, name="hh_import"),
    path("ho-gia-dinh/nhap/<int:hh_import_id>/ghi/", views.hh_import_confirm, name="hh_import_confirm"),
    path("ho-gia-dinh/nhap/<int:hh_import_id>/huy/", views.hh_import_cancel, name="hh_import_cancel"),
    path("hoc-sinh/", views.students, name="students"),
    path("hoc-sinh/them/", views.student_add, name="student_add"),
    path("hoc-sinh/<int:student_id>/", views.student_detail, name="student"),
    path("hoc-sinh/<int:student_id>/sua/", views.student_edit, name="student_edit"),
    path("bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("hoat-dong/", views.activities, name="activities"),
    path("hoat-dong/xuat.xlsx", views.activities_export, name="activities_export"),
    path("hoat-dong/chon/", views.pick, name="pick"),
    path("hoat-dong/them/", views.activity_add, name="activity_add"),
    path("hoat-dong/<int:activity_id>/", views.activity_detail, name="activity"),
    path("hoat-dong/<int:activity_id>/sua/", views.activity_edit, name="activity_edit"),
    path("hoat-dong/<int:activity_id>/minh-chung/", views.evidence_add, name="evidence_add"),
    path("minh-chung/<int:evidence_id>/", views.evidence_file, name="evidence_file"),
    path("minh-chung/<int:evidence_id>/go/", views.evidence_remove, name="evidence_remove"),
]
