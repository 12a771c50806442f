"""Changing the law as data (issue 9 §1), by the administrator only: a new regime (a new decree arrives), starting
as a copy of an existing regime's figures; a regime's figures edited while nothing has used them; a new base
salary. Every change is audited.

- Validity never overlaps: a new regime's first day closes the open-ended regime before it the day before;
  overlapping or backwards dates are refused, naming the regime they overlap.
- A regime a concluded Council session (or, later, a signed document) used is never changed in place
  (`legal.in_use`): the change is refused with the way out — a new regime valid from the day after its last use.
- Base salaries are append-only: a new row from a day after the latest one; none is edited or deleted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.money import group_digits
from thidua.core.text import fold

from . import legal
from .models import BaseSalary, DossierRule, FormRule, LegalBasis, LegalRegime

#: the regime's own fields the administrator sets (the code is made from the short name)
REGIME_FIELDS = [
    "name", "short_name", "valid_from", "valid_to", "money_articles", "keeps_pipeline", "transition_rule",
    "transition_unconfirmed", "rounding", "rounding_step", "thematic_counts_for_merit", "thematic_report_template",
    "thematic_report_unconfirmed", "processing_days", "note",
]
#: the rows of a regime's figures, by the name the pages and the URLs use
PARTS: dict[str, type[models.Model]] = {"basis": LegalBasis, "rule": FormRule, "dossier": DossierRule}


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def period_label(regime: LegalRegime) -> str:
    if regime.valid_to is None:
        return _("từ %(start)s") % {"start": _day(regime.valid_from)}
    return _("%(start)s – %(end)s") % {"start": _day(regime.valid_from), "end": _day(regime.valid_to)}


def in_use_message(regime: LegalRegime) -> str:
    session = legal.last_use(regime)
    if session is not None:
        where = _("phiên họp Hội đồng “%(name)s” ngày %(day)s") % {"name": session.name, "day": _day(session.held_on)}
        start = session.held_on + dt.timedelta(days=1)
    else:
        where = _("văn bản đã ký")
        start = max(regime.valid_from, timezone.localdate())
    return _("Chế độ %(regime)s đã được dùng trong %(where)s nên không sửa trực tiếp; hãy thêm chế độ mới có hiệu "
             "lực từ ngày %(day)s.") % {"regime": regime.short_name, "where": where, "day": _day(start)}


def ensure_editable(regime: LegalRegime) -> None:
    if legal.in_use(regime):
        raise ValidationError(in_use_message(regime))


def _check_dates(valid_from: dt.date, valid_to: dt.date | None, *, regime: LegalRegime | None,
                 closing: bool) -> LegalRegime | None:
    """Refuse backwards or overlapping validity. With `closing` (a new regime), the open-ended regime that began
    earlier is returned, to be closed the day before `valid_from`, unless a session used it on or after that day."""
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("Ngày hết hiệu lực (%(end)s) trước ngày có hiệu lực (%(start)s).") % {
            "end": _day(valid_to), "start": _day(valid_from)}})
    others = LegalRegime.objects.select_for_update(of=("self",)).order_by("valid_from")
    if regime is not None and regime.pk:
        others = others.exclude(pk=regime.pk)
    end = valid_to or dt.date.max
    to_close = None
    for other in others:
        if not (other.valid_from <= end and valid_from <= (other.valid_to or dt.date.max)):
            continue
        if closing and other.valid_to is None and other.valid_from < valid_from:
            to_close = other
            continue
        raise ValidationError({"valid_from": _(
            "Thời gian hiệu lực trùng với chế độ %(other)s (%(period)s): các chế độ không được có hiệu lực chồng "
            "lên nhau.") % {"other": other.short_name, "period": period_label(other)}})
    if to_close is not None:
        session = legal.last_use(to_close)
        if session is not None and session.held_on >= valid_from:
            raise ValidationError({"valid_from": _(
                "Chế độ %(other)s đã được dùng trong phiên họp Hội đồng “%(name)s” ngày %(day)s: chế độ mới chỉ có "
                "thể có hiệu lực từ ngày %(next)s trở đi.") % {
                "other": to_close.short_name, "name": session.name, "day": _day(session.held_on),
                "next": _day(session.held_on + dt.timedelta(days=1))}})
    return to_close


def _new_code(short_name: str) -> str:
    base = slugify(fold(short_name).replace("/", "-").replace(".", "-"))[:34] or "che-do"
    code, n = base, 1
    while LegalRegime.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _copy_rows(rows, regime: LegalRegime) -> int:
    model = type(rows[0]) if rows else None
    if model is None:
        return 0
    names = [f.attname for f in model._meta.concrete_fields if f.name not in ("id", "regime")]
    model.objects.bulk_create([model(regime=regime, **{n: getattr(row, n) for n in names}) for row in rows])
    return len(rows)


@transaction.atomic
def add_regime(*, actor, copy_from: LegalRegime, **fields) -> LegalRegime:
    """A new regime with `fields`, its legal bases, form rules and dossier rules copied from `copy_from` (then
    edited while nothing uses them). Closes the open-ended regime before it the day before it starts."""
    data = {k: fields[k] for k in REGIME_FIELDS if k in fields}
    to_close = _check_dates(data["valid_from"], data.get("valid_to"), regime=None, closing=True)
    if to_close is not None:
        before = audit.snapshot(to_close, ["valid_to"])
        to_close.valid_to = data["valid_from"] - dt.timedelta(days=1)
        to_close.save(update_fields=["valid_to"])
        audit.changed(to_close, before, actor=actor, note=_("Hết hiệu lực khi chế độ %(new)s có hiệu lực từ %(day)s.")
                      % {"new": data["short_name"], "day": _day(data["valid_from"])})
    regime = LegalRegime.objects.create(code=_new_code(data["short_name"]), created_by=actor, **data)
    counts = {
        "bases": _copy_rows(list(copy_from.bases.all()), regime),
        "rules": _copy_rows(list(copy_from.form_rules.all()), regime),
        "dossier": _copy_rows(list(copy_from.dossier_rules.all()), regime),
    }
    audit.created(regime, ["code", *REGIME_FIELDS], actor=actor, note=_(
        "Sao chép từ chế độ %(source)s: %(bases)s căn cứ, %(rules)s quy định về hình thức, %(dossier)s thành phần "
        "hồ sơ.") % {"source": copy_from.short_name, **counts})
    return regime


@transaction.atomic
def update_regime(regime: LegalRegime, *, actor, **fields) -> LegalRegime:
    regime = LegalRegime.objects.select_for_update(of=("self",)).get(pk=regime.pk)
    ensure_editable(regime)
    data = {k: fields[k] for k in REGIME_FIELDS if k in fields}
    _check_dates(data.get("valid_from", regime.valid_from), data.get("valid_to", regime.valid_to), regime=regime,
                 closing=False)
    before = audit.snapshot(regime, list(data))
    for name, value in data.items():
        setattr(regime, name, value)
    regime.save()
    audit.changed(regime, before, actor=actor)
    return regime


def _stored(instance: models.Model, fields: dict) -> dict:
    """The values as the database keeps them: a decimal to its field's places (1,2 → 1.20), so that the audit
    row shows a real change and no change where there is none."""
    values = {}
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if isinstance(field, models.DecimalField) and isinstance(value, Decimal):
            value = value.quantize(Decimal(1).scaleb(-field.decimal_places))
        values[name] = value
    return values


@transaction.atomic
def save_part(regime: LegalRegime, instance: models.Model, *, actor, **fields) -> models.Model:
    """Create or change one row of a regime's figures (a legal basis, a form rule, a dossier rule)."""
    regime = LegalRegime.objects.select_for_update(of=("self",)).get(pk=regime.pk)
    ensure_editable(regime)
    if isinstance(instance, FormRule):
        form, recipient = fields.get("form", instance.form_id and instance.form), fields.get("recipient",
                                                                                             instance.recipient)
        clash = FormRule.objects.filter(regime=regime, form=form, recipient=recipient).exclude(pk=instance.pk)
        if form is not None and clash.exists():
            raise ValidationError({"form": _("Chế độ %(regime)s đã có quy định cho %(form)s — %(recipient)s: hãy sửa "
                                             "quy định đó.") % {"regime": regime.short_name, "form": form,
                                                                "recipient": legal.recipient_label(recipient)}})
    fields = _stored(instance, fields)
    creating = instance.pk is None
    before = {} if creating else audit.snapshot(instance, list(fields))
    instance.regime = regime
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()
    if creating:
        audit.created(instance, list(fields), actor=actor, note=_("Chế độ %(regime)s") % {"regime": regime.short_name})
    else:
        audit.changed(instance, before, actor=actor, note=_("Chế độ %(regime)s") % {"regime": regime.short_name})
    return instance


@transaction.atomic
def delete_part(instance: models.Model, *, actor) -> None:
    regime = LegalRegime.objects.select_for_update(of=("self",)).get(pk=instance.regime_id)
    ensure_editable(regime)
    audit.record(AuditAction.UPDATE, regime, actor=actor,
                 note=_("Xóa %(kind)s: %(text)s") % {"kind": instance._meta.verbose_name, "text": str(instance)[:200]})
    instance.delete()


@transaction.atomic
def add_base_salary(*, actor, amount: int, valid_from: dt.date, legal_basis: str) -> BaseSalary:
    """Append a base salary from `valid_from`, which must come after the latest one's first day."""
    latest = BaseSalary.objects.select_for_update(of=("self",)).order_by("-valid_from").first()
    if latest is not None and valid_from <= latest.valid_from:
        raise ValidationError({"valid_from": _(
            "Mức lương cơ sở chỉ được thêm tiếp theo: ngày áp dụng phải sau %(day)s (mức %(amount)s đồng, %(basis)s); "
            "các mức đã có không sửa, không xóa.") % {
            "day": _day(latest.valid_from), "amount": group_digits(latest.amount),
            "basis": latest.legal_basis}})
    if amount <= 0:
        raise ValidationError({"amount": _("Mức lương cơ sở phải lớn hơn 0 đồng.")})
    salary = BaseSalary.objects.create(amount=amount, valid_from=valid_from, legal_basis=legal_basis.strip(),
                                       created_by=actor)
    audit.created(salary, ["amount", "valid_from", "legal_basis"], actor=actor)
    return salary
