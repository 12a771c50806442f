"""The proposal's documents: the tờ trình (DOCX converting in LibreOffice, naming the căn cứ of the regime in force on
its date, the Council's session and the proposed), the danh sách (XLSX) and the ZIP for a province outside the
system (names, order, the latest file of each dossier part, the manifest's sizes and SHA-256)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from thidua.awards import forwarding, legal, proposal_docs
from thidua.awards.dossier import CheckedDossierFile, add_file
from thidua.documents import libreoffice

from .award_factories import agreed, agreed_round
from .factories import docx_bytes, pdf_file

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 2, 2)
BK = "bang-khen-chu-tich-ubnd-tinh"


@pytest.fixture
def proposal(world):
    rnd = agreed_round(world.agency)
    unit = agreed(rnd, unit=world.transport, form=BK, upward=True)
    person = agreed(rnd, person=world.people["canbo"], form=BK, upward=True)
    add_file(person, "report", CheckedDossierFile("bao-cao-cu.docx", docx_bytes("Bản cũ"), "docx"), actor=None)
    add_file(person, "report", CheckedDossierFile("bao-cao-moi.docx", docx_bytes("Bản mới nhất"), "docx"),
             actor=None)
    add_file(person, "submission", pdf_file("to-trinh.pdf"), actor=None)
    add_file(unit, "report", pdf_file("bao-cao-tap-the.pdf"), actor=None)
    return forwarding.create_proposal(rnd, [person, unit], issued_on=DAY, actor=world.users["vanphong"])


def test_the_docx_converts_in_libreoffice_and_names_the_bases_and_the_proposed(world, proposal):
    from ..documents.test_nd30 import pdf_text

    if libreoffice.soffice_path() is None:
        pytest.fail(f"LibreOffice (soffice) is required: {libreoffice.INSTALL_HINT}", pytrace=False)
    text = " ".join(pdf_text(libreoffice.docx_to_pdf(proposal_docs.submission_docx(proposal))).split())
    regime = legal.regime_on(DAY)
    bases = [b.text for b in regime.bases.filter(for_submission=True)]
    assert bases
    for basis in bases:
        assert " ".join(basis.split())[:60] in text
    assert "TỜ TRÌNH" in text and f"Số: {proposal.number_label}" in text
    assert "ngày 02 tháng 02 năm 2026" in text
    assert text.count("Căn cứ kết quả phiên họp Hội đồng ngày 25/01/2026") == 1  # the Council's session
    assert "TẬP THỂ" in text and "CÁ NHÂN" in text
    assert world.people["canbo"].full_name in text and world.transport.name in text
    assert "Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng" in text


def test_the_pdf_reads_the_same(world, proposal):
    from ..documents.test_nd30 import pdf_text

    text = " ".join(pdf_text(proposal_docs.submission_pdf(proposal)).split())
    assert "TỜ TRÌNH" in text and world.people["canbo"].full_name in text


def test_the_list_is_a_spreadsheet_of_the_proposed(world, proposal):
    ws = load_workbook(io.BytesIO(proposal_docs.list_xlsx(proposal))).active
    rows = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    assert proposal.number_label in rows[1][0]
    assert rows[3] == tuple(proposal_docs.LIST_HEADERS) or list(rows[3]) == proposal_docs.LIST_HEADERS
    names = [r[1] for r in rows[4:]]
    assert names == ["TẬP THỂ", world.transport.name, "CÁ NHÂN", world.people["canbo"].full_name]


def test_the_zip_holds_everything_named_in_order_with_a_manifest(world, proposal):
    client = Client()
    client.force_login(world.users["vanphong"])
    response = client.get(reverse("awards:proposal_zip", args=[proposal.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    data = b"".join(response.streaming_content)
    zf = zipfile.ZipFile(io.BytesIO(data))
    assert zf.testzip() is None
    names = zf.namelist()
    number = proposal.number_label.replace("/", "-")
    assert names == [
        f"Tờ trình {number}.docx", f"Tờ trình {number}.pdf", "Danh sách đề nghị khen thưởng.xlsx",
        f"01 - {world.transport.name}/01 - Báo cáo thành tích.pdf",
        f"02 - {world.people['canbo'].full_name}/01 - Tờ trình đề nghị khen thưởng.pdf",
        f"02 - {world.people['canbo'].full_name}/02 - Báo cáo thành tích.docx",
        "manifest.csv",
    ]
    assert all(info.flag_bits & 0x800 for info in zf.infolist() if not info.filename.isascii())  # UTF-8 names
    # every file dated as the Office would expect (a dossier file as uploaded), none 01/01/1980
    from thidua.awards.models import DossierFile

    uploaded = {f.uploaded_at for f in DossierFile.objects.filter(nomination__proposal_items__proposal=proposal)}
    minutes = {timezone.localtime(t).timetuple()[:5] for t in uploaded}  # a ZIP keeps seconds to 2 s
    assert all(info.date_time[0] > 1980 for info in zf.infolist())
    assert {zf.getinfo(n).date_time[:5] for n in names if "/" in n} <= minutes
    # the latest report, not the earlier one
    report = zf.read(f"02 - {world.people['canbo'].full_name}/02 - Báo cáo thành tích.docx")
    from docx import Document

    assert [p.text for p in Document(io.BytesIO(report)).paragraphs] == ["Bản mới nhất"]
    manifest = list(csv.reader(io.StringIO(zf.read("manifest.csv").decode("utf-8-sig"))))
    assert manifest[0] == ["tep", "kich_thuoc_byte", "sha256"]
    listed = {row[0]: (int(row[1]), row[2]) for row in manifest[1:]}
    assert set(listed) == set(names) - {"manifest.csv"}
    for name, (size, digest) in listed.items():
        content = zf.read(name)
        assert len(content) == size and hashlib.sha256(content).hexdigest() == digest
    assert zf.read(f"Tờ trình {number}.docx")[:2] == b"PK"


def test_the_single_files_download(world, proposal):
    client = Client()
    client.force_login(world.users["vanphong"])
    for which, start in (("docx", b"PK"), ("pdf", b"%PDF"), ("xlsx", b"PK")):
        response = client.get(reverse("awards:proposal_zip", args=[proposal.pk]) + f"?file={which}")
        assert response.status_code == 200 and response.content.startswith(start), which


def test_safe_names_keep_vietnamese_and_drop_separators():
    assert proposal_docs.safe_name("Nguyễn Văn An") == "Nguyễn Văn An"
    assert proposal_docs.safe_name('Phòng A/B: "Kế hoạch"') == "Phòng A B Kế hoạch"
