"""The form of a review round: deadlines, and per offered form whether it is in play, its quota, whether the
Director decides it, and the units' quotas."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DayField, bound_integer
from thidua.core.submission import OneSubmissionMixin
from thidua.org.forms import DATE_FORMATS

from .enums import RoundKind
from .rounds import FormChoice, Offer

MAX_QUOTA = 10_000
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("ngày/tháng/năm, vd. 10/12/2024"),
                                                       "inputmode": "numeric"})
INTEGER_MESSAGES = {"invalid": _("Hãy nhập một số nguyên, ví dụ 5.")}


def _integer(label, low: int, high: int, *, required: bool = False, initial=None) -> forms.IntegerField:
    field = forms.IntegerField(label=label, required=required, initial=initial, error_messages={
        **INTEGER_MESSAGES, "required": _("Hãy nhập %(label)s.") % {"label": str(label).lower()}})
    return bound_integer(field, low, high)


def _date(label) -> forms.DateField:
    return DayField(label=label, widget=DATE_WIDGET, input_formats=DATE_FORMATS, error_messages={
        "required": _("Hãy nhập %(label)s (ngày/tháng/năm).") % {"label": str(label).lower()},
        "invalid": _("Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 10/12/2024.")})


class ReviewRoundForm(forms.Form):
    """`offers`: the forms the round's kind offers (rounds.offered_forms); `units`: the units a quota may be given
    to; `current`: {form id: RoundForm} of the round being edited."""

    year = forms.IntegerField()  # replaced in __init__
    name = forms.CharField(label=_("Tên đợt xét"), max_length=300, required=False,
                           help_text=_("Để trống: đặt theo loại đợt xét và năm, ví dụ “Đợt xét khen thưởng năm 2024”."))
    submit_by = DayField()
    check_by = DayField()
    council_on = DayField()
    remind_days = forms.IntegerField()
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, offers: list[Offer], units, current: dict | None = None, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.offers, self.units, self.current = kind, offers, list(units), current
        self.fields["year"] = _integer(_("Năm xét"), 1945, 2100, required=True)
        self.fields["submit_by"] = _date(_("Hạn đơn vị gửi hồ sơ"))
        self.fields["check_by"] = _date(_("Hạn Văn phòng kiểm tra"))
        self.fields["council_on"] = _date(_("Ngày họp Hội đồng (dự kiến)"))
        self.fields["remind_days"] = _integer(_("Nhắc trước hạn (ngày)"), 0, 60, required=True, initial=3)
        self.fields["remind_days"].help_text = _("Trưởng các đơn vị chưa gửi đề nghị nào được nhắc một lần, từ số "
                                                 "ngày này trước hạn gửi hồ sơ.")
        for offer in offers:
            pk = offer.form.pk
            existing = current.get(pk) if current is not None else None
            in_play = existing is not None if current is not None else True
            self.fields[f"use_{pk}"] = forms.BooleanField(label=offer.form.name, required=False, initial=in_play)
            self.fields[f"quota_{pk}"] = _integer(_("Số lượng tối đa của cả đợt"), 1, MAX_QUOTA,
                                                  initial=existing.quota if existing else None)
            self.fields[f"within_{pk}"] = forms.BooleanField(
                label=_("Giám đốc Sở quyết định"), required=False,
                initial=existing.within_authority if existing else offer.within_authority)
            quotas = {q.unit_id: q.quota for q in existing.unit_quotas.all()} if existing else {}
            for unit in self.units:
                self.fields[f"uq_{pk}_{unit.pk}"] = _integer(unit.name, 0, MAX_QUOTA, initial=quotas.get(unit.pk))

    def rows(self) -> list[dict]:
        """The offered forms as the template draws them: the fields of each."""
        return [{"offer": o, "use": self[f"use_{o.form.pk}"], "quota": self[f"quota_{o.form.pk}"],
                 "within": self[f"within_{o.form.pk}"],
                 "units": [self[f"uq_{o.form.pk}_{u.pk}"] for u in self.units]} for o in self.offers]

    @property
    def main_fields(self):
        return [self[name] for name in ("year", "name", "submit_by", "check_by", "council_on", "remind_days", "note")]

    @property
    def kind_label(self) -> str:
        return RoundKind(self.kind).label if self.kind in RoundKind.values else ""

    def choices(self) -> list[FormChoice]:
        """The forms put in play, for rounds.create_round / save_round."""
        data = self.cleaned_data
        chosen = []
        for offer in self.offers:
            pk = offer.form.pk
            if not data.get(f"use_{pk}"):
                continue
            units = {u.pk: data.get(f"uq_{pk}_{u.pk}") for u in self.units
                     if data.get(f"uq_{pk}_{u.pk}") is not None}
            chosen.append(FormChoice(offer.form, data.get(f"quota_{pk}"), bool(data.get(f"within_{pk}")), units))
        return chosen

    def values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("year", "name", "submit_by", "check_by", "council_on", "remind_days",
                                              "note")}


class NewReviewRoundForm(OneSubmissionMixin, ReviewRoundForm):
    pass
