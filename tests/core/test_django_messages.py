"""Django's own messages in the project's Vietnamese (thidua/locale/vi): validators, form fields, formsets."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import django
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from thidua.core.forms import bound_integer

CATALOGUE = Path(__file__).resolve().parents[2] / "thidua" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
DJANGO_EN = Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def msgids(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    found = set()
    for match in re.finditer(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n)+)', text, re.MULTILINE):
        found.add("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))))
    return found - {""}


def test_every_entry_overrides_a_message_django_still_has():
    ours, django_ids = msgids(CATALOGUE), msgids(DJANGO_EN)
    assert len(ours) > 80
    assert ours <= django_ids, sorted(ours - django_ids)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def errors(field: forms.Field, value) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        field.clean(value)
    return exc.value.messages


def test_numbers_dates_slugs_and_choices_are_refused_in_plain_vietnamese():
    assert errors(forms.IntegerField(), "mười") == ["Hãy nhập một số nguyên, ví dụ 12."]
    assert errors(forms.DecimalField(), "abc") == ["Hãy nhập một số."]
    assert errors(forms.CharField(), "") == ["Không được để trống."]
    assert errors(forms.CharField(max_length=5), "dài quá") == ["Quá dài: tối đa 5 ký tự (đang có 7)."]
    assert errors(forms.SlugField(), "vì người nghèo")[0].startswith("Chỉ dùng chữ không dấu (a–z), chữ số")
    assert errors(forms.ChoiceField(choices=[("a", "A")]), "z") == [
        "Lựa chọn không hợp lệ: “z” không có trong danh sách."]
    assert errors(forms.DateField(input_formats=["%d/%m/%Y"]), "31/02/2026") == [
        "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 20/10/2022."]
    assert errors(forms.IntegerField(max_value=100), "101") == ["Giá trị phải nhỏ hơn hoặc bằng 100."]


def test_a_bounded_number_field_names_its_own_limit_not_the_databases():
    field = bound_integer(forms.IntegerField(), 0, 999)
    assert errors(field, "99999999999999999999") == ["Giá trị phải nhỏ hơn hoặc bằng 999."]
    assert errors(field, "-1") == ["Giá trị phải lớn hơn hoặc bằng 0."]
    assert field.clean("12") == 12
    assert (field.widget.attrs["min"], field.widget.attrs["max"]) == (0, 999)


def test_formset_order_and_delete_are_labelled_in_vietnamese():
    class Row(forms.Form):
        on = forms.DateField(initial=dt.date(2022, 10, 20))

    formset = forms.formset_factory(Row, can_order=True, can_delete=True)()
    labels = {str(formset.forms[0].fields[name].label) for name in ("ORDER", "DELETE")}
    assert labels == {"Thứ tự", "Xóa"}
