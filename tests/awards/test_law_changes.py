"""The administrator changes the law from the UI: a new regime copied from an existing one, closing the open-ended
one before it; a regime's figures edited only while nothing used them; a base salary appended. Overlapping or
backwards dates, a regime in use and an earlier base salary are refused with a Vietnamese message, changing
nothing. Every change is audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from thidua.awards import legal
from thidua.awards.models import BaseSalary, DossierRule, FormRule, LegalBasis, LegalRegime
from thidua.core.models import AuditEvent
from thidua.movements.models import RewardForm

from .law_helpers import concluded_session, regime

pytestmark = pytest.mark.django_db

NEW = {"name": "Nghị định 200/2026/NĐ-CP quy định chi tiết Luật Thi đua, khen thưởng", "short_name": "NĐ 200/2026",
       "valid_from": "01/01/2027", "valid_to": "", "money_articles": "Điều 50–55", "transition_rule": "",
       "rounding": "up", "rounding_step": "10000", "thematic_report_template": "Mẫu số 09", "processing_days": "20",
       "note": ""}


def admin(world) -> Client:
    return world.login(Client(), "admin")


def rule_of(code: str, form: str, recipient: str = "individual") -> FormRule:
    return FormRule.objects.get(regime=regime(code), form__code=form, recipient=recipient)


def snapshot():
    return (list(LegalRegime.objects.values_list("code", "valid_from", "valid_to").order_by("id")),
            FormRule.objects.count(), LegalBasis.objects.count(), DossierRule.objects.count(),
            AuditEvent.objects.exclude(action="login").count())  # signing in is audited too


def test_the_administrator_adds_a_regime_copied_from_nd_152_which_closes_the_day_before(world):
    source = regime("nd-152-2025")
    response = admin(world).post(reverse("awards:law_regime_add"), NEW | {"copy_from": source.pk})
    assert response.status_code == 302
    new = LegalRegime.objects.get(short_name="NĐ 200/2026")
    assert new.code == "nd-200-2026" and new.valid_to is None
    source.refresh_from_db()
    assert source.valid_to == dt.date(2026, 12, 31)
    assert new.form_rules.count() == source.form_rules.count() > 0
    assert new.bases.count() == source.bases.count() and new.dossier_rules.count() == source.dossier_rules.count()
    assert rule_of("nd-200-2026", "bang-khen-chu-tich-ubnd-tinh", "household").household_multiplier == Decimal("1.5")
    assert legal.regime_on(dt.date(2026, 12, 31)) == source
    assert legal.regime_on(dt.date(2027, 1, 1)) == new
    closed = AuditEvent.objects.get(target_type="awards.legalregime", target_id=str(source.pk))
    assert closed.changes["valid_to"] == [None, "31/12/2026"] and "NĐ 200/2026" in closed.note
    created = AuditEvent.objects.get(target_type="awards.legalregime", target_id=str(new.pk), action="create")
    assert "Sao chép từ chế độ NĐ 152/2025" in created.note and created.actor == world.users["admin"]


def test_the_new_regime_form_starts_from_the_chosen_regimes_settings(world):
    html = admin(world).get(reverse("awards:law_regime_add") + f"?from={regime('nd-98-2023').pk}").content.decode()
    assert f'<option value="{regime("nd-98-2023").pk}" selected>' in html
    assert "Mẫu số 08 (báo cáo thành tích thi đua theo chuyên đề)" in html


def test_a_regime_overlapping_another_is_refused_naming_it(world):
    before = snapshot()
    response = admin(world).post(reverse("awards:law_regime_add"), NEW | {
        "copy_from": regime("nd-152-2025").pk, "valid_from": "01/03/2025", "valid_to": "30/04/2025"})
    assert response.status_code == 200
    assert "trùng với chế độ NĐ 98/2023 (01/01/2024 – 30/06/2025)" in response.content.decode()
    assert snapshot() == before


def test_a_new_open_regime_starting_on_or_before_the_open_ones_first_day_is_refused(world):
    before = snapshot()
    response = admin(world).post(reverse("awards:law_regime_add"), NEW | {
        "copy_from": regime("nd-152-2025").pk, "valid_from": "01/07/2025"})
    assert "trùng với chế độ NĐ 152/2025 (từ 01/07/2025)" in response.content.decode()
    assert snapshot() == before


def test_backwards_dates_are_refused(world):
    before = snapshot()
    response = admin(world).post(reverse("awards:law_regime_add"), NEW | {
        "copy_from": regime("nd-152-2025").pk, "valid_from": "01/01/2027", "valid_to": "31/12/2026"})
    assert "Ngày hết hiệu lực (31/12/2026) trước ngày có hiệu lực (01/01/2027)" in response.content.decode()
    assert snapshot() == before


def test_a_new_regime_cannot_start_before_a_session_that_used_the_one_it_closes(world):
    concluded_session(world, regime("nd-152-2025"), held_on=dt.date(2027, 3, 10))
    before = snapshot()
    response = admin(world).post(reverse("awards:law_regime_add"), NEW | {"copy_from": regime("nd-152-2025").pk})
    html = response.content.decode()
    assert "đã được dùng trong phiên họp Hội đồng “Phiên họp Hội đồng tháng 12” ngày 10/03/2027" in html
    assert "từ ngày 11/03/2027 trở đi" in html
    assert snapshot() == before


def test_the_administrator_edits_a_form_rule_with_a_vietnamese_comma(world):
    figure = rule_of("nd-152-2025", "chien-si-thi-dua-co-so")
    response = admin(world).post(reverse("awards:law_rule_edit", args=[figure.pk]), {
        "coefficient": "1,2", "household_multiplier": "", "ballot_required": "on", "threshold_percent": "75,5",
        "threshold_of": "present", "report_template": "Mẫu số 02", "report_kind": "individual", "quota_percent": "",
        "legal_source": "Quyết định của UBND tỉnh"})
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.coefficient, figure.threshold_percent, figure.threshold_strict, figure.threshold_of) == (
        Decimal("1.2"), Decimal("75.5"), False, "present")
    assert not figure.threshold_unconfirmed and figure.report_template == "Mẫu số 02"
    assert legal.threshold_label(figure) == "≥ 75,5% số thành viên có mặt"
    event = AuditEvent.objects.get(target_type="awards.formrule", target_id=str(figure.pk))
    assert event.changes["coefficient"] == ["1.00", "1.20"] and "NĐ 152/2025" in event.note


def test_bad_figures_are_refused_in_vietnamese_and_change_nothing(world):
    figure = rule_of("nd-152-2025", "chien-si-thi-dua-co-so")
    before = snapshot()
    response = admin(world).post(reverse("awards:law_rule_edit", args=[figure.pk]), {
        "coefficient": "1,2,5", "threshold_percent": "120", "threshold_of": "present"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hãy nhập một số, ví dụ 1 hoặc 1,5." in html and "100" in html
    assert snapshot() == before
    assert rule_of("nd-152-2025", "chien-si-thi-dua-co-so").coefficient == Decimal("1.0")


def test_the_administrator_adds_edits_and_removes_a_legal_basis_and_a_dossier_component(world):
    nd152 = regime("nd-152-2025")
    client = admin(world)
    response = client.post(reverse("awards:law_basis_add", args=[nd152.pk]), {
        "text": "Căn cứ Quyết định số 12/2025/QĐ-UBND của UBND tỉnh Cao Bằng;", "for_decision": "on", "order": "40"})
    assert response.status_code == 302
    basis = nd152.bases.get(order=40)
    assert not basis.for_submission
    assert AuditEvent.objects.filter(target_type="awards.legalbasis", target_id=str(basis.pk), action="create").exists()
    client.post(reverse("awards:law_basis_edit", args=[basis.pk]), {
        "text": "Căn cứ Quyết định số 13/2025/QĐ-UBND của UBND tỉnh Cao Bằng;", "for_decision": "on",
        "for_submission": "on", "order": "40"})
    basis.refresh_from_db()
    assert basis.text.startswith("Căn cứ Quyết định số 13/2025") and basis.for_submission
    assert client.post(reverse("awards:law_basis_delete", args=[basis.pk])).status_code == 302
    assert not LegalBasis.objects.filter(pk=basis.pk).exists()
    removal = AuditEvent.objects.filter(target_type="awards.legalregime", target_id=str(nd152.pk)).latest("id")
    assert "Xóa căn cứ pháp lý: Căn cứ Quyết định số 13/2025" in removal.note

    form = RewardForm.objects.get(code="bang-khen-chu-tich-ubnd-tinh")
    client.post(reverse("awards:law_dossier_add", args=[nd152.pk]), {
        "part": "initiative", "stage": "submit", "form": form.pk, "required": "on", "only_with_initiatives": "on"})
    component = DossierRule.objects.get(regime=nd152, form=form)
    assert [r.part for r in legal.dossier_rules(nd152, form.pk, with_initiatives=True)].count("initiative") == 1
    assert AuditEvent.objects.filter(target_type="awards.dossierrule", target_id=str(component.pk)).exists()


def test_a_second_rule_for_the_same_form_and_recipient_is_refused(world):
    nd152 = regime("nd-152-2025")
    before = snapshot()
    response = admin(world).post(reverse("awards:law_rule_add", args=[nd152.pk]), {
        "form": RewardForm.objects.get(code="lao-dong-tien-tien").pk, "recipient": "individual",
        "coefficient": "0,4", "threshold_percent": "50", "threshold_strict": "on", "threshold_of": "present"})
    assert "Chế độ NĐ 152/2025 đã có quy định cho Lao động tiên tiến — Cá nhân" in response.content.decode()
    assert snapshot() == before


def test_a_regime_a_concluded_session_used_is_never_changed_in_place(world):
    nd98 = regime("nd-98-2023")
    concluded_session(world, nd98, held_on=dt.date(2024, 12, 20), name="Phiên họp xét khen thưởng năm 2024")
    figure = rule_of("nd-98-2023", "chien-si-thi-dua-co-so")
    basis = nd98.bases.first()
    before = snapshot()
    client = admin(world)
    expected = ("Chế độ NĐ 98/2023 đã được dùng trong phiên họp Hội đồng “Phiên họp xét khen thưởng năm 2024” ngày "
                "20/12/2024 nên không sửa trực tiếp; hãy thêm chế độ mới có hiệu lực từ ngày 21/12/2024.")
    for url, data in [
        (reverse("awards:law_rule_edit", args=[figure.pk]), {"coefficient": "2", "threshold_percent": "50",
                                                            "threshold_of": "present"}),
        (reverse("awards:law_regime_edit", args=[nd98.pk]), NEW | {"valid_from": "01/01/2024",
                                                                  "valid_to": "30/06/2025"}),
        (reverse("awards:law_basis_edit", args=[basis.pk]), {"text": "Căn cứ khác;", "order": "0"}),
        (reverse("awards:law_basis_delete", args=[basis.pk]), {}),
        (reverse("awards:law_basis_add", args=[nd98.pk]), {"text": "Căn cứ khác;", "order": "0"}),
        (reverse("awards:law_dossier_add", args=[nd98.pk]), {"part": "other", "stage": "submit"}),
    ]:
        response = client.post(url, data, follow=True)
        assert expected in response.content.decode(), url
        assert client.get(url).status_code in (302, 405)
    assert snapshot() == before
    page = client.get(reverse("awards:law")).content.decode()
    nd98_section = page.split(f'id="che-do-{nd98.pk}"', 1)[1].split("</section>", 1)[0]
    assert "Đã được dùng: không sửa trực tiếp" in nd98_section
    assert reverse("awards:law_rule_edit", args=[figure.pk]) not in nd98_section


def test_the_administrator_appends_a_base_salary(world):
    response = admin(world).post(reverse("awards:law_salary_add"), {
        "amount": "2.530.000", "valid_from": "01/07/2026", "legal_basis": "Nghị định 161/2026/NĐ-CP"})
    assert response.status_code == 302
    salary = BaseSalary.objects.get(valid_from=dt.date(2026, 7, 1))
    assert salary.amount == 2_530_000 and salary.created_by == world.users["admin"]
    assert legal.base_salary_on(dt.date(2026, 6, 30)).amount == 2_340_000
    assert legal.base_salary_on(dt.date(2026, 7, 1)).amount == 2_530_000
    event = AuditEvent.objects.get(target_type="awards.basesalary", target_id=str(salary.pk))
    assert event.action == "create" and event.changes["amount"] == [None, 2_530_000]


@pytest.mark.parametrize(("data", "message"), [
    ({"amount": "2.000.000", "valid_from": "01/07/2024", "legal_basis": "NĐ"},
     "ngày áp dụng phải sau 01/07/2024 (mức 2.340.000 đồng, Nghị định 73/2024/NĐ-CP)"),
    ({"amount": "2.000.000", "valid_from": "01/01/2020", "legal_basis": "NĐ"}, "ngày áp dụng phải sau 01/07/2024"),
    ({"amount": "2,5", "valid_from": "01/07/2026", "legal_basis": "NĐ"}, "không có phần lẻ"),
    ({"amount": "0", "valid_from": "01/07/2026", "legal_basis": "NĐ"}, "Mức lương cơ sở (đồng/tháng)"),
])
def test_a_base_salary_before_the_latest_or_a_bad_amount_is_refused(world, data, message):
    client = admin(world)
    before = (list(BaseSalary.objects.values_list("amount", "valid_from")), AuditEvent.objects.count())
    response = client.post(reverse("awards:law_salary_add"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert (list(BaseSalary.objects.values_list("amount", "valid_from")), AuditEvent.objects.count()) == before


def test_base_salaries_have_no_edit_or_delete_page():
    from django.urls import get_resolver

    awards = get_resolver().namespace_dict["awards"][1]
    names = sorted(n for n in awards.reverse_dict if isinstance(n, str) and n.startswith("law_salary"))
    assert names == ["law_salary_add"]


@pytest.mark.parametrize("name", ["law_regime_add", "law_salary_add"])
@pytest.mark.parametrize("role", ["vanphong", "truongphong"])
def test_only_the_administrator_changes_the_law(world, name, role):
    before = snapshot()
    client = world.login(Client(), role)
    assert client.get(reverse(f"awards:{name}")).status_code == 403
    assert client.post(reverse(f"awards:{name}"), NEW | {"copy_from": regime("nd-152-2025").pk,
                                                        "amount": "3.000.000", "legal_basis": "NĐ"}).status_code == 403
    assert snapshot() == before


def test_the_office_cannot_edit_a_figure(world):
    figure = rule_of("nd-152-2025", "chien-si-thi-dua-co-so")
    client = world.login(Client(), "vanphong")
    assert client.post(reverse("awards:law_rule_edit", args=[figure.pk]), {"coefficient": "5"}).status_code == 403
    assert client.post(reverse("awards:law_rule_delete", args=[figure.pk])).status_code == 403
    assert FormRule.objects.filter(pk=figure.pk, coefficient=Decimal("1.0")).exists()


def test_the_administrator_edits_an_unused_regime_and_the_change_is_audited(world):
    nd152 = regime("nd-152-2025")
    response = admin(world).post(reverse("awards:law_regime_edit", args=[nd152.pk]), NEW | {
        "name": nd152.name, "short_name": "NĐ 152/2025", "valid_from": "01/07/2025",
        "money_articles": "Nghị định 152/2025/NĐ-CP, Điều 49–54", "rounding": "nearest", "rounding_step": "1000"})
    assert response.status_code == 302
    nd152.refresh_from_db()
    assert (nd152.rounding, nd152.rounding_step) == ("nearest", 1000)
    event = AuditEvent.objects.get(target_type="awards.legalregime", target_id=str(nd152.pk))
    assert event.action == "update" and event.changes["rounding_step"] == [10_000, 1000]


def test_an_edit_moving_a_regime_onto_another_is_refused(world):
    nd152 = regime("nd-152-2025")
    client = admin(world)
    before = snapshot()
    response = client.post(reverse("awards:law_regime_edit", args=[nd152.pk]), NEW | {
        "name": nd152.name, "short_name": "NĐ 152/2025", "valid_from": "01/06/2025"})
    assert "trùng với chế độ NĐ 98/2023 (01/01/2024 – 30/06/2025)" in response.content.decode()
    assert snapshot() == before


def test_a_new_regime_after_the_last_session_that_used_the_open_one_closes_it(world):
    nd152 = regime("nd-152-2025")
    concluded_session(world, nd152, held_on=dt.date(2026, 11, 20))
    response = admin(world).post(reverse("awards:law_regime_add"), NEW | {"copy_from": nd152.pk})
    assert response.status_code == 302
    nd152.refresh_from_db()
    assert nd152.valid_to == dt.date(2026, 12, 31)
    assert legal.regime_on(dt.date(2026, 11, 20)) == nd152  # what the session used still governs its day
