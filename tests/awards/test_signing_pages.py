"""The agency's certificate page (the administrator installs a PKCS#12 file, the Office reads it) and the refusal
to sign with an expired certificate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thidua.awards import signing
from thidua.awards.models import SignedFile, SigningIdentity
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("awards:signing")


def _pdf() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<p>Giấy khen của Giám đốc Sở</p>").write_pdf()


def _client(world, role: str) -> Client:
    return world.login(Client(), role)


def _upload(client, world, data: bytes, passphrase: str, name: str = "so-gtvt.p12"):
    return client.post(f"{URL}?agency={world.agency.pk}", {
        "agency": world.agency.pk, "pkcs12": SimpleUploadedFile(name, data, "application/x-pkcs12"),
        "passphrase": passphrase})


def test_the_administrator_installs_a_pkcs12_file_and_the_page_shows_it(world):
    client = _client(world, "admin")
    data = signing.make_self_signed(world.agency, passphrase="Mật-khẩu-9")
    response = _upload(client, world, data, "Mật-khẩu-9")
    assert response.status_code == 302
    identity = SigningIdentity.objects.get(agency=world.agency, is_active=True)
    page = client.get(f"{URL}?agency={world.agency.pk}").content.decode()
    assert identity.subject in page and identity.serial in page
    today = timezone.localdate()
    assert f"từ {today - dt.timedelta(days=1):%d/%m/%Y}" in page
    assert "Chứng thư tự ký — chỉ để thử, không có giá trị pháp lý" in page
    assert "Mật-khẩu-9" not in page
    event = AuditEvent.objects.get(target_type="awards.signingidentity", target_id=str(identity.pk))
    assert event.agency_id == world.agency.pk
    assert "Mật-khẩu-9" not in str(event.changes) and "Mật-khẩu-9" not in event.note
    assert set(event.changes) == set(signing.AUDIT_FIELDS)


def test_a_new_certificate_replaces_the_active_one_and_the_old_one_is_listed_with_its_files(world):
    client = _client(world, "admin")
    first = signing.install_identity(world.agency, signing.make_self_signed(world.agency), "",
                                     actor=world.users["admin"])
    signing.sign_pdf(world.agency.pk, _pdf(), filename="a.pdf", reason="Giấy khen")
    signing.sign_pdf(world.agency.pk, _pdf(), filename="b.pdf", reason="Giấy khen")
    assert _upload(client, world, signing.make_self_signed(world.agency), "").status_code == 302
    first.refresh_from_db()
    assert not first.is_active
    page = client.get(f"{URL}?agency={world.agency.pk}").content.decode()
    previous = page.split('id="previous"')[1]
    assert first.serial in previous
    assert '<td data-label="Số tệp đã ký">2</td>' in previous


@pytest.mark.parametrize("case", ["wrong passphrase", "not pkcs12", "too large", "expired"])
def test_a_bad_file_gets_a_vietnamese_message_and_changes_nothing(world, case):
    client = _client(world, "admin")
    active = signing.install_identity(world.agency, signing.make_self_signed(world.agency), "",
                                      actor=world.users["admin"])
    events = AuditEvent.objects.count()
    data, passphrase, message = {
        "wrong passphrase": (signing.make_self_signed(world.agency, passphrase="dung"), "Khac-han-42", "sai mật khẩu"),
        "not pkcs12": (b"%PDF-1.4 not a key", "", "không phải tệp .p12/.pfx"),
        "too large": (b"0" * (300 * 1024), "", "Tệp quá lớn"),
        "expired": (signing.make_self_signed(world.agency, years=0), "", "đã hết hạn"),
    }[case]
    response = _upload(client, world, data, passphrase)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(SigningIdentity.objects.filter(agency=world.agency, is_active=True)) == [active]
    assert SigningIdentity.objects.count() == 1 and AuditEvent.objects.count() == events
    if passphrase:
        assert passphrase not in response.content.decode().split('id="install"')[1]


def test_the_office_reads_the_certificate_but_cannot_install_one(world):
    signing.install_identity(world.agency, signing.make_self_signed(world.agency), "", actor=world.users["admin"])
    client = _client(world, "vanphong")
    page = client.get(URL).content.decode()
    assert "Chứng thư đang dùng của Sở Giao thông vận tải tỉnh Cao Bằng" in page
    assert 'name="pkcs12"' not in page and "Chỉ quản trị hệ thống cài" in page
    response = _upload(client, world, signing.make_self_signed(world.agency), "")
    assert response.status_code == 302
    assert SigningIdentity.objects.count() == 1
    # another agency's Office sees its own agency only
    other = _client(world, "vanphong_khac").get(f"{URL}?agency={world.agency.pk}").content.decode()
    assert "Sở Y tế tỉnh Cao Bằng" in other and "Sở Giao thông vận tải" not in other


def test_a_page_without_a_certificate_says_so(world):
    page = _client(world, "vanphong").get(URL).content.decode()
    assert "Cơ quan chưa có chứng thư số" in page


def test_an_expired_or_nearly_expired_certificate_is_warned_of(world):
    identity = signing.install_identity(world.agency, signing.make_self_signed(world.agency), "",
                                        actor=world.users["admin"])
    client = _client(world, "vanphong")
    assert "sắp hết hạn" not in client.get(URL).content.decode()
    SigningIdentity.objects.filter(pk=identity.pk).update(valid_to=timezone.now() + dt.timedelta(days=10))
    assert "Chứng thư sắp hết hạn" in client.get(URL).content.decode()
    SigningIdentity.objects.filter(pk=identity.pk).update(valid_to=timezone.now() - dt.timedelta(days=1))
    assert "Chứng thư đã hết hạn ngày" in client.get(URL).content.decode()


def test_sign_pdf_refuses_an_expired_certificate(world):
    identity = signing.install_identity(world.agency, signing.make_self_signed(world.agency), "",
                                        actor=world.users["admin"])
    end = timezone.now() - dt.timedelta(days=2)
    SigningIdentity.objects.filter(pk=identity.pk).update(valid_to=end)
    with pytest.raises(ValidationError, match=f"đã hết hạn ngày {timezone.localtime(end):%d/%m/%Y}"):
        signing.sign_pdf(world.agency.pk, _pdf(), filename="x.pdf", reason="x")
    assert not SignedFile.objects.exists()


def test_the_office_finds_the_page_in_the_awards_menu(world):
    page = _client(world, "vanphong").get(reverse("awards:rounds")).content.decode()
    assert f'href="{URL}"' in page and f'href="{reverse("awards:bonus_lookup")}"' in page
    page = _client(world, "canbo").get(reverse("awards:rounds")).content.decode()
    assert f'href="{URL}"' not in page
