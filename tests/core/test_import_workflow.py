"""The import batch's workflow: one table (IMPORT_FLOW), one writer of the status (ImportFlow.move), buttons from
the table. Exercised on the staff import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.org.test_importing import row, xlsx
from thidua.core import importflow
from thidua.core.importflow import FINAL_STATES, IMPORT_FLOW, OPEN_STATES, ImportStatus
from thidua.core.models import AuditEvent
from thidua.org.importing import FLOW
from thidua.org.models import Person, StaffImport


def _upload(client, world, rows) -> StaffImport:
    world.login(client, "vanphong")
    client.post(reverse("org:import_start"), {"file": SimpleUploadedFile("ds.xlsx", xlsx(rows)),
                                              "agency": world.agency.pk})
    return StaffImport.objects.get()


def test_the_table_names_the_open_and_the_final_states():
    assert FINAL_STATES == {ImportStatus.APPLIED, ImportStatus.FAILED, ImportStatus.CANCELLED}
    assert OPEN_STATES == {ImportStatus.CHECKING, ImportStatus.INVALID, ImportStatus.READY, ImportStatus.APPLYING}
    assert IMPORT_FLOW.targets(ImportStatus.READY) == {ImportStatus.APPLYING, ImportStatus.CANCELLED}


def test_the_status_is_written_in_one_place_only():
    source = Path(importflow.__file__).read_text(encoding="utf-8")
    assert len(re.findall(r"update\(status=|\.status = ", source)) == 2  # both inside ImportFlow.move
    body = source[source.index("    def move("):source.index("    def _save_check(")]
    assert "update(status=to_state" in body and "batch.status = to_state" in body


def test_a_ready_batch_offers_confirm_and_cancel_an_invalid_one_only_cancel(world, client):
    batch = _upload(client, world, [row()])
    page = client.get(reverse("org:import_detail", args=[batch.pk])).content.decode()
    assert reverse("org:import_confirm", args=[batch.pk]) in page
    assert reverse("org:import_cancel", args=[batch.pk]) in page
    StaffImport.objects.all().delete()
    batch = _upload(client, world, [row(unit="Phòng Ma")])
    assert batch.status == ImportStatus.INVALID
    page = client.get(reverse("org:import_detail", args=[batch.pk])).content.decode()
    assert reverse("org:import_confirm", args=[batch.pk]) not in page
    assert reverse("org:import_cancel", args=[batch.pk]) in page


def test_an_applied_batch_offers_no_button_and_cannot_be_cancelled(world, client):
    batch = _upload(client, world, [row()])
    client.post(reverse("org:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    page = client.get(reverse("org:import_detail", args=[batch.pk])).content.decode()
    assert reverse("org:import_cancel", args=[batch.pk]) not in page
    audit_rows = AuditEvent.objects.count()
    response = client.post(reverse("org:import_cancel", args=[batch.pk]), follow=True)
    assert "Không thể hủy lần nhập này ở trạng thái hiện tại." in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and AuditEvent.objects.count() == audit_rows


def test_of_two_moves_from_the_same_state_only_the_first_happens(world, client):
    batch = _upload(client, world, [row()])
    stale = StaffImport.objects.get(pk=batch.pk)  # read while ready, like a second open page
    FLOW.cancel(batch, user=world.users["vanphong"])
    with pytest.raises(ValidationError, match="Chỉ ghi được tệp đã kiểm tra xong"):
        FLOW.confirm(stale, user=world.users["vanphong"])
    assert StaffImport.objects.get(pk=batch.pk).status == ImportStatus.CANCELLED
    assert not Person.objects.filter(full_name="Lô Văn Minh").exists()


def test_a_move_the_table_lacks_is_refused_in_vietnamese_and_changes_nothing(world, client):
    batch = _upload(client, world, [row()])
    with pytest.raises(ValidationError, match="Không thể chuyển lần nhập từ “Sẵn sàng ghi” sang “Đã ghi”"):
        FLOW.move(batch, ImportStatus.APPLIED)
    assert StaffImport.objects.get(pk=batch.pk).status == ImportStatus.READY


def test_the_cancel_is_audited_from_the_state_it_left(world, client):
    batch = _upload(client, world, [row()])
    FLOW.cancel(batch, user=world.users["vanphong"])
    event = AuditEvent.objects.filter(target_type="org.staffimport", target_id=str(batch.pk)).latest("id")
    assert event.changes["status"] == ["Sẵn sàng ghi", "Đã hủy"]


def test_a_check_that_breaks_leaves_the_batch_failed_not_checking(world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(FLOW, "check_file", broken)
    batch = FLOW.start(agency=world.agency, filename="ds.xlsx", data=xlsx([row()]), user=world.users["vanphong"])
    assert batch.status == ImportStatus.FAILED
    assert batch.check_job.status == "failed"
