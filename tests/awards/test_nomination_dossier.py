"""The dossier: the checklist of the governing regime, uploads checked by content and size, earlier files kept,
the generated achievement report (figures pre-filled; converts in LibreOffice), and submission refused with the
missing parts named."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.awards import dossier, dossier_docs, legal, services
from thidua.awards.enums import DossierPart, NominationStatus
from thidua.awards.models import DossierFile, Initiative
from thidua.documents import libreoffice

from ..participation.helpers import activity, jpeg_bytes, pdf_bytes
from .factories import docx_bytes, make_nomination, make_round, pass_meeting, upload

pytestmark = pytest.mark.django_db


def test_the_checklist_is_the_regimes_components_for_the_form(world):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    parts = [item.part for item in dossier.checklist(n)]
    assert set(parts) == {r.part for r in legal.dossier_rules(dossier.governing_for(n).regime, n.form_id)}
    assert parts == ["submission", "unit_minutes", "report", "list"]  # in the law's order


def test_initiative_certificates_are_required_only_when_the_nominee_has_initiatives(world):
    review_round = make_round(world.agency)
    n = make_nomination(review_round, person=world.people["canbo"], form_code="chien-si-thi-dua-co-so")
    assert "initiative" not in [i.part for i in dossier.checklist(n)]
    Initiative.objects.create(person=world.people["canbo"], title="Sáng kiến quản lý hồ sơ", year=review_round.year,
                              level="base", decision_number="12/QĐ", decision_date=dt.date(2026, 3, 1))
    assert "initiative" in [i.part for i in dossier.checklist(n)]


def test_pdf_docx_and_images_are_accepted_by_content():
    assert dossier.check_file(upload(pdf_bytes(), "a.pdf")).extension == "pdf"
    assert dossier.check_file(upload(docx_bytes(), "bao-cao.bin")).extension == "docx"
    assert dossier.check_file(upload(jpeg_bytes(), "anh")).extension == "jpg"


@pytest.mark.parametrize("data,name", [
    (b"Day la van ban thuong", "bao-cao.pdf"),
    (b"MZ\x90\x00 chuong trinh", "bao-cao.docx"),
    (None, "nen.docx"),  # a ZIP without word/document.xml
])
def test_other_content_is_refused_whatever_the_name(data, name):
    if data is None:
        import zipfile

        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("readme.txt", "khong phai word")
        data = out.getvalue()
    with pytest.raises(ValidationError) as exc:
        dossier.check_file(upload(data, name))
    assert name in exc.value.messages[0] and "PDF" in exc.value.messages[0]


def test_a_file_over_the_limit_is_refused_naming_the_limit(settings):
    settings.AWARDS_DOSSIER_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as exc:
        dossier.check_file(upload(b"%PDF-" + b"0" * (1024 * 1024), "lon.pdf"))
    assert "1 MB" in exc.value.messages[0]


def test_upload_keeps_the_earlier_files_of_the_part(world, client):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    world.login(client, "truongphong")
    url = reverse("awards:dossier_upload", args=[n.pk])
    for name in ("v1.pdf", "v2.pdf"):
        client.post(url, {"part": "report", "file": upload(pdf_bytes(), name)})
    files = list(DossierFile.objects.filter(nomination=n, part="report").order_by("id"))
    assert [f.filename for f in files] == ["v1.pdf", "v2.pdf"]
    item = next(i for i in dossier.checklist(n) if i.part == "report")
    assert item.latest.filename == "v2.pdf" and len(item.files) == 2


def test_a_refused_upload_changes_nothing(world, client):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    world.login(client, "truongphong")
    response = client.post(reverse("awards:dossier_upload", args=[n.pk]),
                           {"part": "report", "file": upload(b"<html>gia</html>", "gia.pdf")}, follow=True)
    assert not DossierFile.objects.exists()
    assert "gia.pdf" in response.content.decode()


def test_uploading_is_refused_once_the_nomination_left_the_unit(world, client):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"], status=NominationStatus.SUBMITTED)
    world.login(client, "truongphong")
    response = client.post(reverse("awards:dossier_upload", args=[n.pk]),
                           {"part": "report", "file": upload(pdf_bytes(), "a.pdf")})
    assert response.status_code == 403 and not DossierFile.objects.exists()


def test_submission_names_every_missing_part_and_changes_nothing(world):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    pass_meeting(n, world.people["truongphong"], [world.people["truongphong"], world.people["canbo"]])
    dossier.add_file(n, DossierPart.REPORT, dossier.check_file(upload(pdf_bytes(), "bc.pdf")), actor=None)
    with pytest.raises(ValidationError) as exc:
        services.move_nomination(n, NominationStatus.SUBMITTED, actor=world.users["truongphong"])
    message = " ".join(exc.value.messages)
    assert "Hồ sơ còn thiếu" in message
    for label in ("Tờ trình đề nghị khen thưởng", "Biên bản họp bình xét của đơn vị", "Danh sách đề nghị khen thưởng"):
        assert label in message
    assert "Báo cáo thành tích" not in message
    n.refresh_from_db()
    assert n.status == NominationStatus.DRAFT and not n.steps.exists()


def test_the_report_is_generated_with_the_figures_the_system_holds(world, client):
    from docx import Document

    review_round = make_round(world.agency)
    canbo = world.people["canbo"]
    activity(world, people=[canbo], held_on=dt.date(review_round.year, 3, 5), cash_value=1_000_000,
             in_kind_value=500_000)
    activity(world, title="Tặng quà Tết", people=[canbo], held_on=dt.date(review_round.year, 1, 20), cash_value=200_000,
             in_kind_value=0)
    n = make_nomination(review_round, person=canbo)
    world.login(client, "truongphong")
    client.post(reverse("awards:dossier_generate", args=[n.pk, "report"]))
    row = DossierFile.objects.get(nomination=n, part="report")
    assert row.generated and row.filename.endswith(".docx")
    text = "\n".join(p.text for p in Document(row.file.open("rb")).paragraphs)
    assert "BÁO CÁO" in text and canbo.full_name in text and "Giấy khen của Giám đốc Sở" in text
    assert "đã tham gia, tổ chức: 2" in text
    assert "1.700.000 đồng" in text
    assert "Mẫu báo cáo thành tích cá nhân" in text  # the form's template in the regime
    download = client.get(reverse("awards:dossier_file", args=[n.pk, row.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"


def test_a_movements_midterm_round_uses_the_regimes_thematic_template(world):
    n = make_nomination(make_round(world.agency, kind="midterm"), person=world.people["canbo"])
    template, _regime = dossier_docs.report_template(n)
    assert template == dossier.governing_for(n).regime.thematic_report_template


def test_the_generated_documents_convert_in_libreoffice(world):
    from ..documents.test_nd30 import pdf_text

    if libreoffice.soffice_path() is None:
        pytest.fail(f"LibreOffice (soffice) is required: {libreoffice.INSTALL_HINT}", pytrace=False)
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    from thidua.documents.nd30 import build_docx

    for part, expected in ((DossierPart.REPORT, "BÁO CÁO"), (DossierPart.SUBMISSION, "TỜ TRÌNH"),
                           (DossierPart.LIST, "DANH SÁCH")):
        pdf = libreoffice.docx_to_pdf(build_docx(dossier_docs.BUILDERS[part](n)))
        text = pdf_text(pdf)
        assert expected in text and world.people["canbo"].full_name in text


def test_the_regime_and_its_reason_are_on_the_page(world, client):
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    world.login(client, "truongphong")
    page = client.get(reverse("awards:nomination", args=[n.pk])).content.decode()
    governing = dossier.governing_for(n)
    assert governing.regime.name in page and governing.reason in page


def test_the_lists_regime_choice_agrees_with_legal_governing(world):
    from thidua.awards.models import LegalRegime

    regimes = list(LegalRegime.objects.order_by("valid_from"))
    for day, sent in [(dt.date(2023, 5, 1), None), (dt.date(2024, 12, 1), None), (dt.date(2025, 8, 1), None),
                      (dt.date(2025, 8, 1), dt.date(2025, 6, 20)), (dt.date(2025, 8, 1), dt.date(2025, 7, 2))]:
        assert dossier.regime_among(regimes, day, sent) == legal.governing(day, submitted_on=sent).regime


def test_the_generated_report_edited_in_word_goes_back_as_the_report_and_is_audited(world, client):
    from docx import Document

    from thidua.core.models import AuditEvent

    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    generated = dossier_docs.generate(n, DossierPart.REPORT, actor=world.users["truongphong"])
    document = Document(generated.file.open("rb"))
    document.add_paragraph("Bổ sung: ủng hộ Quỹ 01 ngày lương.")
    out = io.BytesIO()
    document.save(out)
    world.login(client, "truongphong")
    client.post(reverse("awards:dossier_upload", args=[n.pk]),
                {"part": "report", "file": upload(out.getvalue(), "bao-cao-da-sua.docx")})
    item = next(i for i in dossier.checklist(n) if i.part == "report")
    assert item.latest.filename == "bao-cao-da-sua.docx" and not item.latest.generated
    assert [f.generated for f in item.files] == [False, True]
    assert AuditEvent.objects.filter(target_id=str(n.pk), note="Tải lên tệp hồ sơ").exists()


def test_the_day_of_first_submission_is_the_local_day(world):
    """Sent at 06:00 in Hà Nội on 01/07/2025 (23:00 UTC the day before): the day NĐ 152 took over."""
    from django.utils import timezone

    review_round = make_round(world.agency)
    review_round.council_on = dt.date(2025, 8, 1)
    review_round.save(update_fields=["council_on"])
    n = make_nomination(review_round, person=world.people["canbo"])
    for sent, code in ((dt.datetime(2025, 7, 1, 6, 0), "nd-152-2025"), (dt.datetime(2025, 6, 30, 22, 0), "nd-98-2023")):
        n.first_submitted_at = timezone.make_aware(sent)
        n.save(update_fields=["first_submitted_at"])
        n.refresh_from_db()  # read back as the database keeps it (UTC)
        assert dossier.governing_for(n).regime.code == code


@pytest.fixture
def stored(monkeypatch):
    """How many bytes of uploads reach Django's storing handlers (memory or temporary file on disk)."""
    from django.core.files import uploadhandler

    seen = {"bytes": 0}
    for handler in (uploadhandler.MemoryFileUploadHandler, uploadhandler.TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def counting(self, raw_data, start, _original=original):
            if getattr(self, "activated", True):  # the memory handler passes a large file on without keeping it
                seen["bytes"] += len(raw_data)
            return _original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    return seen


def test_an_upload_declared_over_the_limit_is_refused_before_it_is_read(world, client, settings, stored):
    settings.AWARDS_DOSSIER_MAX_BYTES = 100 * 1024
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    world.login(client, "truongphong")
    big = pdf_bytes() + b"0" * (400 * 1024)
    response = client.post(reverse("awards:dossier_upload", args=[n.pk]),
                           {"part": "report", "file": upload(big, "lon.pdf")}, follow=True)
    assert "Tệp tải lên quá lớn; giới hạn là 0,1 MB mỗi tệp." in response.content.decode()
    assert stored["bytes"] == 0 and not DossierFile.objects.exists()


def test_an_upload_over_the_limit_is_stopped_at_the_limit_while_it_is_read(world, client, settings, stored):
    settings.AWARDS_DOSSIER_MAX_BYTES = 100 * 1024  # the body (120 KB) passes the declared check, the file does not
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # to the temporary file on disk, as a large file goes
    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    world.login(client, "truongphong")
    big = pdf_bytes() + b"0" * (120 * 1024)
    response = client.post(reverse("awards:dossier_upload", args=[n.pk]),
                           {"part": "report", "file": upload(big, "lon.pdf")}, follow=True)
    assert "Tệp “lon.pdf” quá lớn; giới hạn là 0,1 MB mỗi tệp." in response.content.decode()
    assert stored["bytes"] <= 100 * 1024 and not DossierFile.objects.exists()


def test_an_upload_within_the_limit_is_still_taken_and_the_csrf_check_still_holds(world, settings):
    from django.test import Client

    n = make_nomination(make_round(world.agency), person=world.people["canbo"])
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["truongphong"])
    response = client.post(reverse("awards:dossier_upload", args=[n.pk]),
                           {"part": "report", "file": upload(pdf_bytes(), "bc.pdf")})
    assert response.status_code == 403 and not DossierFile.objects.exists()  # no token: refused
    page = client.get(reverse("awards:nomination", args=[n.pk])).content.decode()
    import re

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    client.post(reverse("awards:dossier_upload", args=[n.pk]),
                {"part": "report", "file": upload(pdf_bytes(), "bc.pdf"), "csrfmiddlewaretoken": token})
    assert DossierFile.objects.get().filename == "bc.pdf"
