"""Tiền thưởng (issue 10 §2): coefficient × the base salary in force on the decision's date, rounded as the regime
says (up to the next 10.000 đồng by default, "làm tròn số lên"; or to the nearest); a household gets its form's
multiple (NĐ 152: 1,5) of the individual amount; several titles for the same period pay only the highest, a
title and a form together pay both.

The one function the decision, the `thidua bonus` command and the Office's "Tra cứu mức tiền thưởng" page use.
Every figure comes from the dated law (`legal`), none from code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.money import decimal_label, group_digits
from thidua.movements.catalog import CLASSES, AmbiguousForm, pick_form
from thidua.movements.models import RewardForm

from . import legal
from .enums import RecipientKind
from .models import BaseSalary, FormRule, LegalRegime, Rounding


@dataclass(frozen=True)
class Bonus:
    amount: int
    #: the coefficient applied to the base salary (for a household: the individual coefficient × the multiple)
    coefficient: Decimal
    base_salary: BaseSalary
    regime: LegalRegime
    #: the legal basis of the amount: the regime's money articles
    basis: str
    rule: FormRule
    #: a household's multiple of the individual amount (None for a person or a collective)
    multiplier: Decimal | None = None

    def as_json(self) -> dict:
        """The `thidua bonus --json` object (a contract: keep the keys)."""
        return {"amount": self.amount, "coefficient": float(self.coefficient),
                "base_salary": self.base_salary.amount, "regime": self.regime.short_name or self.regime.name,
                "basis": self.basis}


def round_amount(raw: Decimal, regime: LegalRegime) -> int:
    step = Decimal(regime.rounding_step or 1)
    mode = ROUND_HALF_UP if regime.rounding == Rounding.NEAREST else ROUND_CEILING
    return int((raw / step).quantize(Decimal(1), rounding=mode) * step)


def find_form(text: str) -> RewardForm:
    """A reward form by its catalogue code or its Vietnamese name, accent-insensitively: the whole name, or words
    that only one form's name holds ("giay khen giam doc so", "bang khen thu tuong")."""
    text = (text or "").strip()
    try:
        form = pick_form(text, list(RewardForm.objects.order_by("sort_order", "name")))
    except AmbiguousForm as error:
        raise ValidationError(_("“%(form)s” ứng với nhiều hình thức: %(names)s. Hãy ghi rõ hơn hoặc dùng mã.") % {
            "form": text, "names": "; ".join(f"{f.name} ({f.code})" for f in error.matches)}) from None
    if form is None:
        raise ValidationError(_("Không có hình thức khen thưởng “%(form)s” trong danh mục.") % {"form": text})
    return form


def bonus_for(form: RewardForm, recipient: str, day: dt.date) -> Bonus:
    """The bonus of `form` for a `recipient` kind on a decision dated `day`, or a ValidationError saying why there
    is none (no regime on that day, the form is not given to that kind of recipient, the figure is not set)."""
    regime = legal.regime_on(day)
    rule = legal.form_rule(regime, form.pk, recipient)
    if rule is None and form.code in CLASSES:  # an order without its class: its classes have the figures
        classes = RewardForm.objects.filter(code__in=CLASSES[form.code]).order_by("sort_order", "name")
        raise ValidationError(_("“%(form)s” có nhiều hạng, mỗi hạng một mức tiền thưởng: hãy chọn hạng — "
                                "%(classes)s.") % {"form": form.name,
                                                   "classes": "; ".join(f"{c.name} ({c.code})" for c in classes)})
    if rule is None:
        raise ValidationError(_("Hình thức “%(form)s” không dành cho %(who)s theo %(regime)s.") % {
            "form": form.name, "who": str(RecipientKind(recipient).label).lower(), "regime": regime})
    salary = legal.base_salary_on(day)
    basis = regime.money_articles or regime.name
    if recipient == RecipientKind.HOUSEHOLD and rule.coefficient is None:
        if rule.household_multiplier is None:
            raise ValidationError(_("%(regime)s chưa có mức tiền thưởng cho hộ gia đình nhận “%(form)s”: Văn phòng "
                                    "cần nhập bội số trong Chế độ pháp lý.") % {"regime": regime, "form": form.name})
        individual = bonus_for(form, RecipientKind.INDIVIDUAL, day)
        amount = round_amount(Decimal(individual.amount) * rule.household_multiplier, regime)
        return Bonus(amount, individual.coefficient * rule.household_multiplier, salary, regime, basis, rule,
                     multiplier=rule.household_multiplier)
    if rule.coefficient is None:
        raise ValidationError(_("%(regime)s chưa có hệ số tiền thưởng của “%(form)s” cho %(who)s.") % {
            "regime": regime, "form": form.name, "who": str(RecipientKind(recipient).label).lower()})
    return Bonus(round_amount(rule.coefficient * salary.amount, regime), rule.coefficient, salary, regime, basis,
                 rule)


def coefficient_label(value: Decimal) -> str:
    """0.30 → "0,3"; 1.5 → "1,5"; 2 → "2" (a Vietnamese decimal comma, whatever the interface language)."""
    return decimal_label(value)


def money(amount: int | None) -> str:
    """1070000 → "1.070.000 đồng"."""
    if amount is None:
        return ""
    return f"{group_digits(amount)} đồng"


@dataclass
class Payable:
    """One line of a decision as the bonus rule sees it: who, the form, the year, and its computed amount."""

    key: object  # the same recipient (a person, a unit, a household)
    year: int
    is_title: bool
    amount: int
    paid: bool = True
    note: str = ""


def apply_highest_title(lines: list[Payable], *, already_paid: dict | None = None) -> list[Payable]:
    """Several titles for the same recipient and period pay only the highest (the others: paid False, a note);
    forms are always paid. `already_paid` maps (key, year) to a title amount paid by an earlier decision: a lower
    or equal title is then not paid again, a higher one pays the difference (the decree pays only the highest)."""
    already_paid = already_paid or {}
    best: dict[tuple, Payable] = {}
    for line in lines:
        if not line.is_title:
            continue
        group = (line.key, line.year)
        if group not in best or line.amount > best[group].amount:
            best[group] = line
    for line in lines:
        if not line.is_title:
            continue
        group = (line.key, line.year)
        if best[group] is not line:
            line.paid, line.note = False, _("Chỉ chi tiền thưởng của danh hiệu cao nhất trong cùng thời gian.")
            continue
        earlier = already_paid.get(group, 0)
        if earlier >= line.amount:
            line.paid, line.note = False, _("Đã chi tiền thưởng của danh hiệu cao hơn hoặc bằng trong cùng năm.")
        elif earlier:
            line.note = _("Chi phần chênh lệch với danh hiệu đã nhận trong năm (%(paid)s).") % {"paid": money(earlier)}
            line.amount -= earlier
    return lines
