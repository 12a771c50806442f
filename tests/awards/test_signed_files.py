"""Signed files written whole and remembered only once they are where their reader finds them (issue 10 §2-4): a
failed publishing leaves no file behind, the print job's SignedFile row comes with its file, an award's
certificate is signed once and kept, and a revoked award's kept certificate is deleted and never served."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.awards import certificates, decisions, revocation, services, signing
from thidua.awards.enums import DecisionStatus
from thidua.awards.models import Award, SignedFile
from thidua.core.models import Job, JobStatus

from .certificate_helpers import signed_decision

pytestmark = pytest.mark.django_db


def _pdfs(settings) -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_a_publishing_that_fails_in_its_transaction_leaves_no_file_and_no_row(world, settings, monkeypatch):
    decision = signed_decision(world.agency, [world.people["canbo"]])
    real = decisions.on_published

    def publish_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(decisions, "on_published", publish_then_fail)
    with pytest.raises(RuntimeError):
        services.move_decision(decision, DecisionStatus.PUBLISHED, actor=world.users["vanphong"])
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SIGNED and not decision.published_pdf
    assert _pdfs(settings) == [] and not SignedFile.objects.filter(decision=decision).exists()
    monkeypatch.setattr(decisions, "on_published", real)  # the next try publishes, with its one file
    decision = services.move_decision(decision, DecisionStatus.PUBLISHED, actor=world.users["vanphong"])
    assert _pdfs(settings) == [Path(decision.published_pdf.path)]
    assert SignedFile.objects.get(decision=decision).sha256 == signing.sha256(decision.published_pdf.read())


def test_a_second_certificate_download_serves_the_kept_file_and_signs_nothing_more(world, client, monkeypatch):
    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    client.force_login(world.users["vanphong"])
    url = reverse("awards:certificate_pdf", args=[award.pk])
    first = client.get(url).content
    kept = certificates.kept_certificate(award.pk)
    assert first.startswith(b"%PDF") and kept.read_bytes() == first
    assert SignedFile.objects.get(award=award).sha256 == signing.sha256(first)
    monkeypatch.setattr(signing, "sign", lambda *a, **k: pytest.fail("signed a second time"))
    client.force_login(world.users["canbo"])  # the awardee himself
    assert client.get(url).content == first
    assert SignedFile.objects.filter(award=award).count() == 1


def test_a_revoked_awards_kept_certificate_is_deleted_and_its_download_refused(world, client,
                                                                                django_capture_on_commit_callbacks):
    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    client.force_login(world.users["vanphong"])
    url = reverse("awards:certificate_pdf", args=[award.pk])
    assert client.get(url).status_code == 200
    kept = certificates.kept_certificate(award.pk)
    assert kept.exists()
    with django_capture_on_commit_callbacks(execute=True):
        revocation.revoke(award, decision_number="45/QĐ-SGTVT", decision_date=timezone.localdate(),
                          authority="Giám đốc Sở", reason="falsified_records", details="Làm giả xác nhận của xã.",
                          actor=world.users["vanphong"])
    assert not kept.exists()
    response = client.get(url, follow=True)
    assert "Khen thưởng này đã bị thu hồi: không in giấy khen." in response.content.decode()
    assert not response.get("Content-Type", "").startswith("application/pdf") and not kept.exists()


def test_the_print_jobs_signed_file_is_recorded_only_with_its_file(world, client, settings, monkeypatch):
    decision = signed_decision(world.agency, [world.people["canbo"], world.people["canbo2"]])
    client.force_login(world.users["vanphong"])

    def killed(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr(os, "replace", killed)
    client.post(reverse("awards:decision_certificates", args=[decision.pk]))
    job = Job.objects.get(kind=certificates.PRINT_KIND)
    assert job.status == JobStatus.FAILED
    assert not SignedFile.objects.filter(decision=decision).exists() and _pdfs(settings) == []
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []  # no partial file either
    monkeypatch.undo()
    client.post(reverse("awards:decision_certificates", args=[decision.pk]))
    done = Job.objects.filter(kind=certificates.PRINT_KIND).latest("id")
    assert done.status == JobStatus.DONE
    [row] = SignedFile.objects.filter(decision=decision)
    assert row.sha256 == signing.sha256((Path(settings.MEDIA_ROOT) / done.result["path"]).read_bytes())
