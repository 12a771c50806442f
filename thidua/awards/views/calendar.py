"""The working-day calendar (issue 11 §6): the year's public holidays and Tết from the holidays library, the
Saturdays worked in exchange, and the days the Office set apart (a make-up working day, an extra day off) — the
calendar every deadline in working days is counted on."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core import workdays
from thidua.core.access import SIGNED_IN, access
from thidua.core.db import year_param
from thidua.core.forms import DayField, apply_validation_error
from thidua.core.models import CalendarDay, CalendarDayKind
from thidua.core.submission import OneSubmissionMixin, single_submission
from thidua.core.text import user_display_name
from thidua.org.forms import DATE_FORMATS
from thidua.org.rules import is_admin, is_secretariat

changes_calendar = is_admin | is_secretariat

WEEKDAYS = [gettext_lazy("Thứ Hai"), gettext_lazy("Thứ Ba"), gettext_lazy("Thứ Tư"), gettext_lazy("Thứ Năm"),
            gettext_lazy("Thứ Sáu"), gettext_lazy("Thứ Bảy"), gettext_lazy("Chủ nhật")]


class CalendarDayForm(OneSubmissionMixin, forms.Form):
    day = DayField(label=gettext_lazy("Ngày"), input_formats=DATE_FORMATS, widget=forms.DateInput(
                              format="%d/%m/%Y", attrs={"placeholder": gettext_lazy("ngày/tháng/năm, vd. 09/01/2027"),
                                                        "inputmode": "numeric"}),
                          error_messages={"invalid": gettext_lazy("Hãy nhập ngày dạng ngày/tháng/năm, ví dụ "
                                                                  "02/01/2027.")})
    kind = forms.ChoiceField(label=gettext_lazy("Loại ngày"), choices=CalendarDayKind.choices)
    note = forms.CharField(label=gettext_lazy("Căn cứ"), max_length=300, help_text=gettext_lazy(
        "Ví dụ: Thông báo số 123/TB-BNV về lịch nghỉ Tết Âm lịch 2027; làm bù thứ Bảy 09/01/2027."))


def _source(day: workdays.Day) -> str:
    row = day.set_by_office
    if row is None:
        return _("Lịch nghỉ lễ, Tết")
    who = user_display_name(row.created_by) if row.created_by else _("không rõ")
    return _("Văn phòng điều chỉnh (%(who)s, %(when)s)") % {
        "who": who, "when": timezone.localtime(row.created_at).strftime("%d/%m/%Y")}


def _page(request, year: int, form: CalendarDayForm):
    calendar = workdays.Calendar()
    rows = [{"day": d, "weekday": WEEKDAYS[d.day.weekday()], "source": _source(d)}
            for d in calendar.special_days(year)]
    withdrawn = (CalendarDay.objects.filter(day__year=year, withdrawn_at__isnull=False)
                 .select_related("created_by", "withdrawn_by"))
    return render(request, "awards/calendar.html", {
        "year": year, "rows": rows, "withdrawn": withdrawn, "form": form,
        "can_change": changes_calendar.test(request.user),
        "days_off": sum(1 for r in rows if not r["day"].working and r["day"].day.weekday() < 5),
    })


@access(SIGNED_IN)
def calendar(request):
    year = year_param(request.GET.get("nam")) or timezone.localdate().year
    return _page(request, year, CalendarDayForm())


@access(changes_calendar)
@require_POST
@single_submission
def calendar_add(request):
    form = CalendarDayForm(request.POST)
    year = timezone.localdate().year
    if form.is_valid():
        day = form.cleaned_data["day"]
        year = day.year
        try:
            workdays.add_day(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã điều chỉnh ngày %(day)s.") % {"day": day.strftime("%d/%m/%Y")})
            return redirect(f"{reverse('awards:calendar')}?nam={year}")
    return _page(request, year, form)


@access(changes_calendar)
@require_POST
def calendar_withdraw(request, day_id: int):
    row = get_object_or_404(CalendarDay, pk=day_id)
    try:
        workdays.withdraw_day(row, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã bỏ điều chỉnh ngày %(day)s.") % {"day": row.day.strftime("%d/%m/%Y")})
    return redirect(f"{reverse('awards:calendar')}?nam={row.day.year}")


urlpatterns = [
    path("lich-lam-viec/", calendar, name="calendar"),
    path("lich-lam-viec/them/", calendar_add, name="calendar_add"),
    path("lich-lam-viec/<int:day_id>/bo/", calendar_withdraw, name="calendar_withdraw"),
]
