"""Certificates (issue 10 §4): the PDF a user prints (A4 landscape, the name, the form, the decision, signed), its
QR code leading to the public verification page, the page itself, and the printing of a whole decision."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from thidua.awards import certificates, signing
from thidua.awards.enums import DecisionStatus, SignerRole
from thidua.awards.models import Award, SignedFile
from thidua.core.models import Job, JobStatus

from .certificate_helpers import qr_texts, signed_decision

pytestmark = pytest.mark.django_db


def _text(pdf: bytes, page: int = 0) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[page].extract_text().split())


def _trusted(pdf: bytes, agency) -> bool:
    identity = signing.active_identity(agency.pk)
    _key, cert, _ = pkcs12.load_key_and_certificates(bytes(identity.pkcs12), None)
    root = asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
    [embedded] = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[root]))
    return status.intact and status.valid and status.trusted


def test_a_certificate_is_a_signed_a4_landscape_page_with_the_award_and_a_qr_of_its_verification_page(
        world, tmp_path, settings):
    settings.SITE_URL = "https://thidua.caobang.gov.vn"
    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    pdf = certificates.certificate_pdf(award)

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4 landscape, in points
    text = _text(pdf)
    for expected in ("GIẤY KHEN", "Ông Nguyễn Văn An", "GIÁM ĐỐC SỞ GIAO THÔNG VẬN TẢI", "TẶNG",
                     "Quyết định số 123/QĐ-SGTVT ngày 05/02/2026", "UBND TỈNH CAO BẰNG",
                     "Độc lập - Tự do - Hạnh phúc", "Cao Bằng, ngày 05 tháng 02 năm 2026", "Nông Văn Đức",
                     "Phòng Quản lý vận tải"):
        assert expected in text, expected
    assert "KT." not in text
    assert _trusted(pdf, world.agency)
    assert SignedFile.objects.get(sha256=signing.sha256(pdf)).award == award

    url = "https://thidua.caobang.gov.vn" + reverse("awards:verify", args=[award.token])
    assert qr_texts(pdf, tmp_path) == [url]
    assert url.endswith(f"/xac-minh/{award.token}/") and len(award.token) >= 32  # the token, not the row id


def test_a_title_is_certified_and_a_deputy_signs_for_the_director(world):
    decision = signed_decision(world.agency, [world.people["canbo2"]], form="lao-dong-tien-tien",
                               signer_role=SignerRole.DEPUTY, signer_name="Lương Văn Hải")
    text = _text(certificates.certificate_pdf(Award.objects.get(decision=decision)))
    for expected in ("GIẤY CHỨNG NHẬN", "CHỨNG NHẬN", "Bà Nguyễn Thị Lan", "Đạt danh hiệu “Lao động tiên tiến” năm 2025. Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025.",
                     "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lương Văn Hải"):
        assert expected in text, expected
    assert "GIẤY KHEN" not in text


def test_a_collective_certificate_names_the_unit(world):
    decision = signed_decision(world.agency, units=[world.transport], form="tap-the-lao-dong-tien-tien")
    text = _text(certificates.certificate_pdf(Award.objects.get(decision=decision)))
    assert "Phòng Quản lý vận tải, phương tiện và người lái" in text
    assert "Tập thể lao động tiên tiến" in text


def test_no_certificate_for_a_draft_or_a_revoked_award(world):
    from django.core.exceptions import ValidationError

    decision = signed_decision(world.agency, [world.people["canbo"]], status=DecisionStatus.DRAFT)
    with pytest.raises(ValidationError, match="chưa được ký"):
        certificates.certificate_pdf(Award.objects.get(decision=decision))
    decision = signed_decision(world.agency, [world.people["team"]], number=124)
    award = Award.objects.get(decision=decision)
    award.revoked_on, award.revoked_reason = dt.date(2026, 3, 1), "Kê khai thành tích không đúng"
    award.save()
    with pytest.raises(ValidationError, match="thu hồi"):
        certificates.certificate_pdf(award)


# ------------------------------------------------------------------------------------------- the public page

def test_the_verification_page_shows_the_award_and_that_it_stands_without_signing_in(world, client):
    person = world.people["canbo"]
    person.birth_date, person.phone, person.email = dt.date(1985, 3, 12), "0912345678", "an.nv@caobang.gov.vn"
    person.save()
    decision = signed_decision(world.agency, [person])
    award = Award.objects.get(decision=decision)
    page = client.get(reverse("awards:verify", args=[award.token]))
    assert page.status_code == 200
    html = page.content.decode()
    for expected in ("Nguyễn Văn An", "Phòng Quản lý vận tải, phương tiện và người lái", "Giấy khen",
                     "Cấp Sở", "2025", "123/QĐ-SGTVT", "05/02/2026", "Giám đốc Sở Giao thông vận tải",
                     "còn hiệu lực"):
        assert expected in html, expected
    for private in ("0912345678", "an.nv@caobang.gov.vn", "12/03/1985", "1985"):
        assert private not in html


def test_a_revoked_award_says_so_on_its_verification_page(world, client):
    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    award.revoked_on, award.revoked_reason = dt.date(2026, 3, 1), "Kê khai thành tích không đúng"
    award.save()
    html = client.get(reverse("awards:verify", args=[award.token])).content.decode()
    assert "Đã bị thu hồi ngày 01/03/2026" in html
    assert "Lý do: Kê khai thành tích không đúng" in html
    assert "còn hiệu lực" not in html


def _main(html: str) -> str:
    return html[html.index("<h1"):html.index("<footer")]


def test_an_unknown_or_tampered_link_gets_the_same_plain_not_found_page(world, client):
    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    tampered = award.token[:-1] + ("A" if award.token[-1] != "A" else "B")
    pages = [client.get(reverse("awards:verify", args=[token])) for token in
             (tampered, "khong-co", str(award.pk), "x" * 300)]
    assert {page.status_code for page in pages} == {404}
    # the same page for every bad link (only the nonce and the page's own address differ)
    bodies = {_main(page.content.decode()) for page in pages}
    assert len(bodies) == 1
    html = bodies.pop()
    assert "Không tìm thấy" in html
    assert "Nguyễn Văn An" not in html and "123/QĐ" not in html


def test_the_file_check_form_is_shown_only_when_the_signing_view_exists(world, client):
    from django.urls import NoReverseMatch

    decision = signed_decision(world.agency, [world.people["canbo"]])
    html = client.get(reverse("awards:verify", args=[Award.objects.get(decision=decision).token])).content.decode()
    try:
        action = reverse("awards:verify_file")
    except NoReverseMatch:
        assert 'name="sha256"' not in html
    else:
        assert f'action="{action}"' in html and 'enctype="multipart/form-data"' in html
        assert 'name="file"' in html and 'name="sha256"' in html


# ------------------------------------------------------------------------------------------- downloads, access

def test_the_awardee_his_unit_head_and_the_office_download_the_certificate_others_get_404(world, client):
    decision = signed_decision(world.agency, [world.people["canbo"], world.people["canbo2"]])
    own = Award.objects.get(decision=decision, person=world.people["canbo"])
    colleague = Award.objects.get(decision=decision, person=world.people["canbo2"])
    for username, award in (("canbo", own), ("truongphong", own), ("truongphong", colleague), ("vanphong", own)):
        client.force_login(world.users[username])
        response = client.get(reverse("awards:certificate_pdf", args=[award.pk]))
        assert response.status_code == 200, username
        assert response["Content-Type"] == "application/pdf"
        assert award.name in _text(response.content)
    # a different staff member (of the same unit), another agency's Office
    for username, award in (("canbo", colleague), ("vanphong_khac", own)):
        client.force_login(world.users[username])
        assert client.get(reverse("awards:certificate_pdf", args=[award.pk])).status_code == 404, username


def test_printing_a_decision_runs_as_a_job_with_one_page_per_awardee(world, client, tmp_path):
    people = [world.people[name] for name in ("canbo", "canbo2", "team", "planning")]
    decision = signed_decision(world.agency, people)
    client.force_login(world.users["vanphong"])
    page = client.get(reverse("awards:decision_certificates", args=[decision.pk]))
    assert "Bắt đầu in" in page.content.decode()
    response = client.post(reverse("awards:decision_certificates", args=[decision.pk]))
    job = Job.objects.get(kind=certificates.PRINT_KIND)
    assert response.status_code == 302 and response["Location"].endswith(f"?viec={job.pk}")
    assert job.status == JobStatus.DONE and job.progress == job.total == 4 and job.percent == 100

    page = client.get(response["Location"]).content.decode()
    assert "Đã in 4 giấy khen." in page and "progress-bar" in page
    assert client.get(reverse("job", args=[job.pk]))["Location"] == response["Location"]  # the jobs' own page
    download = client.get(reverse("awards:decision_certificates_file", args=[decision.pk]) + f"?viec={job.pk}")
    assert download.status_code == 200
    pdf = b"".join(download.streaming_content)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 4
    texts = [_text(pdf, i) for i in range(4)]
    awards = {award.person_id: award for award in Award.objects.filter(decision=decision)}
    for number, (person, text) in enumerate(zip(people, texts, strict=True), start=1):
        assert person.full_name in text and "123/QĐ-SGTVT" in text and "GIẤY KHEN" in text
        assert qr_texts(pdf, tmp_path, number) == [certificates.verify_url(awards[person.pk])]  # its own page
    assert _trusted(pdf, world.agency)
    assert SignedFile.objects.get(sha256=signing.sha256(pdf)).decision == decision

    # another agency's Office, and a staff member, never reach the job or the file
    for username in ("vanphong_khac", "canbo"):
        client.force_login(world.users[username])
        status = client.get(reverse("awards:decision_certificates_file", args=[decision.pk]) + f"?viec={job.pk}")
        assert status.status_code in (403, 404), username


def test_the_progress_callback_reports_each_batch(world, monkeypatch):
    monkeypatch.setattr(certificates, "BATCH", 2)
    people = [world.people[name] for name in ("canbo", "canbo2", "team")]
    decision = signed_decision(world.agency, people)
    seen = []
    pdf = certificates.decision_certificates_pdf(decision, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (2, 3), (3, 3)]
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3


def test_a_decisions_certificates_share_one_drawing_of_what_they_have_in_common(world):
    """Each further certificate adds its own text and QR code to the file, not another copy of the frame, the
    headers and the fonts."""
    one = certificates.decision_certificates_pdf(signed_decision(world.agency, [world.people["canbo"]]))
    people = [world.people[name] for name in ("canbo", "canbo2", "team", "planning")]
    four = certificates.decision_certificates_pdf(signed_decision(world.agency, people, number=125))
    assert len(PdfReader(io.BytesIO(four)).pages) == 4
    # a further certificate: its text, its QR code and the few glyphs its name adds, not a tenth of a whole one
    assert (len(four) - len(one)) / 3 < len(one) / 10


def test_a_long_name_and_achievement_wrap_onto_more_lines_and_keep_every_word(world, tmp_path):
    person = world.people["canbo"]
    person.full_name = "Nguyễn Thị Hoàng Phương Thảo Nguyên Ngọc Bích Thủy Tiên Hồng Nhung Minh Châu"
    person.save()
    decision = signed_decision(world.agency, [person])
    award = Award.objects.get(decision=decision)
    award.achievement = "Hoàn thành xuất sắc nhiệm vụ; " * 12 + "được tập thể đơn vị suy tôn"
    award.save()
    pdf = certificates.certificate_pdf(award)
    (tmp_path / "dai.pdf").write_bytes(pdf)
    text = _text(pdf)
    assert f"Ông {person.full_name}" in text
    assert "Hoàn thành xuất sắc nhiệm vụ; " * 12 + "được tập thể đơn vị suy tôn." in text


def test_a_draft_decision_is_not_printed(world, client):
    decision = signed_decision(world.agency, [world.people["canbo"]], status=DecisionStatus.DRAFT)
    client.force_login(world.users["vanphong"])
    response = client.post(reverse("awards:decision_certificates", args=[decision.pk]), follow=True)
    assert "chưa được ký" in response.content.decode()
    assert not Job.objects.filter(kind=certificates.PRINT_KIND).exists()


def test_the_includes_other_pages_drop_in_link_to_the_certificate_and_the_print_page(world):
    from django.template.loader import render_to_string

    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    link = render_to_string("awards/_certificate_link.html", {"award": award})
    assert reverse("awards:certificate_pdf", args=[award.pk]) in link and "Tải giấy khen (PDF)" in link
    button = render_to_string("awards/_decision_certificates_link.html", {"decision": decision})
    assert reverse("awards:decision_certificates", args=[decision.pk]) in button and "In giấy khen" in button
    award.revoked_on = dt.date(2026, 3, 1)
    decision.status = DecisionStatus.DRAFT
    assert "href" not in render_to_string("awards/_certificate_link.html", {"award": award})
    assert "href" not in render_to_string("awards/_decision_certificates_link.html", {"decision": decision})
