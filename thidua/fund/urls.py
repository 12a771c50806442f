from django.urls import path

from . import views

app_name = "fund"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("tao-moi/", views.campaign_create, name="create"),
    path("<int:campaign_id>/", views.campaign_detail, name="detail"),
    path("<int:campaign_id>/sua/", views.campaign_edit, name="edit"),
    path("<int:campaign_id>/trang-thai/", views.campaign_move, name="move"),
    path("<int:campaign_id>/ung-ho/", views.contribute, name="contribute"),
    path("<int:campaign_id>/ban-giao/", views.outflow, {"kind": "handover"}, name="handover"),
    path("<int:campaign_id>/chi/", views.outflow, {"kind": "spending"}, name="spending"),
    path("<int:campaign_id>/xuat-so-quy/", views.export, name="export"),
    path("<int:campaign_id>/xuat-so-quy/tai-ve/", views.export_download, name="export_download"),
    path("<int:campaign_id>/don-vi/<int:unit_id>/", views.unit_detail, name="unit"),
    path("<int:campaign_id>/don-vi/<int:unit_id>/mot-ngay-luong/", views.bulk, name="bulk"),
    path("but-toan/<int:entry_id>/dieu-chinh/", views.reverse, name="reverse"),
    path("but-toan/<int:entry_id>/bien-nhan.pdf", views.receipt, name="receipt"),
]
