from django.urls import path

from . import views

app_name = "movements"

urlpatterns = [
    path("", views.movement_list, name="list"),
    path("tao-moi/", views.movement_create, name="create"),
    path("nhap-ke-hoach/", views.plan_import, name="import"),
    path("nhap-ke-hoach/<int:plan_import_id>/", views.plan_import_review, name="import_review"),
    path("<int:pk>/tai-ve.<str:fmt>", views.export, name="export"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/sua/", views.movement_edit, name="edit"),
    path("<int:pk>/trang-thai/", views.transition, name="transition"),
    path("<int:pk>/nhan-ban/", views.clone, name="clone"),
    path("<int:pk>/quan-triet/", views.disseminate, name="disseminate"),
    path("<int:pk>/van-ban/them/", views.document_add, name="document_add"),
    path("van-ban/<int:doc_id>/tai-ve/", views.document_download, name="document_download"),
    path("<int:pk>/<slug:kind>/them/", views.part_edit, name="part_add"),
    path("<int:pk>/<slug:kind>/<int:part_id>/sua/", views.part_edit, name="part_edit"),
    path("<int:pk>/<slug:kind>/<int:part_id>/xoa/", views.part_delete, name="part_delete"),
]

public_urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("<slug:code>/", views.public_movement, name="public"),
]
