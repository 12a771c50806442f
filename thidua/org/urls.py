from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("don-vi/", views.tree, name="tree"),
    path("don-vi/them/", views.unit_add, name="unit_add"),
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit"),
    path("don-vi/<int:unit_id>/cap-duoi/", views.tree_children, name="tree_children"),
    path("don-vi/<int:unit_id>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:unit_id>/chuyen/", views.unit_move, name="unit_move"),
    path("don-vi/<int:unit_id>/ngung/", views.unit_deactivate, name="unit_deactivate"),
    path("don-vi/<int:unit_id>/kich-hoat/", views.unit_reactivate, name="unit_reactivate"),
    path("don-vi/<int:unit_id>/xoa/", views.unit_delete, name="unit_delete"),
    path("can-bo/", views.people, name="people"),
    path("can-bo/them/", views.person_add, name="person_add"),
    path("can-bo/<int:person_id>/", views.person_detail, name="person"),
    path("can-bo/<int:person_id>/sua/", views.person_edit, name="person_edit"),
    path("can-bo/<int:person_id>/chuyen-don-vi/", views.person_move, name="person_move"),
    path("can-bo/<int:person_id>/trang-thai/", views.person_set_active, name="person_set_active"),
    path("can-bo/<int:person_id>/tai-khoan/", views.person_account, name="person_account"),
    path("can-bo/<int:person_id>/vai-tro/", views.person_roles, name="person_roles"),
    path("vai-tro/<int:grant_id>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("nhap-can-bo/", views.import_start, name="import_start"),
    path("nhap-can-bo/mau.xlsx", views.import_template, name="import_template"),
    path("nhap-can-bo/<int:import_id>/", views.import_detail, name="import_detail"),
    path("nhap-can-bo/<int:import_id>/ghi/", views.import_confirm, name="import_confirm"),
    path("nhap-can-bo/<int:import_id>/huy/", views.import_cancel, name="import_cancel"),
    path("ho-so-cua-toi/", views.my_profile, name="me"),
]
