"""The demo's past awards 2015–2021, imported through the history's import from a generated spreadsheet: several
titles a person, a provincial Bằng khen, the divisions' collective titles; loading again adds nothing."""

from __future__ import annotations

from django.urls import reverse

from thidua.awards.demo.history import load
from thidua.awards.models import Award
from thidua.core.models import AuditAction, AuditEvent


def test_demo_history_is_imported_once(world, client):
    made = load(world.agency, out=lambda _: None)
    assert made == Award.objects.count() > 20
    assert load(world.agency, out=lambda _: None) == 0 and Award.objects.count() == made
    assert set(Award.objects.values_list("source", flat=True)) == {"import"}
    assert set(Award.objects.values_list("year", flat=True)) <= set(range(2015, 2022))
    an = Award.objects.filter(person=world.people["canbo"])
    assert an.filter(form__code__in=["lao-dong-tien-tien", "chien-si-thi-dua-co-so"]).count() >= 3
    assert an.filter(form__code="bang-khen-chu-tich-ubnd-tinh", level="province").exists()
    assert Award.objects.filter(recipient="collective", form__code="tap-the-lao-dong-tien-tien").exists()
    assert not Award.objects.filter(person=world.people["other"]).exists()  # another agency
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT, target_type="awards.awardimport").count() == 1
    world.login(client, "canbo")
    html = client.get(reverse("awards:my_awards")).content.decode()
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html and "388/QĐ-UBND" in html
