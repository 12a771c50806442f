"""The yearly inputs' pages (issue 9 §3): the ratings grid, its import, the discipline, inquiry and initiative
records."""

from django.urls import path

from . import grid, imports, records

urlpatterns = [
    path("xep-loai/", grid.ratings, name="ratings"),
    path("xep-loai/nhap/", imports.ratings_import, name="ratings_import"),
    path("xep-loai/nhap/mau.xlsx", imports.ratings_import_template, name="ratings_import_template"),
    path("xep-loai/nhap/<int:rating_import_id>/", imports.rating_import_detail, name="rating_import"),
    path("xep-loai/nhap/<int:rating_import_id>/ghi/", imports.rating_import_confirm, name="rating_import_confirm"),
    path("xep-loai/nhap/<int:rating_import_id>/huy/", imports.rating_import_cancel, name="rating_import_cancel"),
    path("ho-so-can-bo/", records.records, name="inputs"),
    path("can-bo/<int:person_id>/ky-luat/them/", records.discipline_new, name="discipline_new"),
    path("ky-luat/<int:discipline_id>/", records.discipline_edit, name="discipline_edit"),
    path("can-bo/<int:person_id>/dieu-tra/them/", records.inquiry_new, name="inquiry_new"),
    path("dieu-tra/<int:inquiry_id>/", records.inquiry_edit, name="inquiry_edit"),
    path("can-bo/<int:person_id>/sang-kien/them/", records.initiative_new, name="initiative_new"),
    path("sang-kien/<int:initiative_id>/", records.initiative_edit, name="initiative_edit"),
]
