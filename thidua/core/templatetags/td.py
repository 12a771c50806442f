import re

from django import forms, template
from django.db import models
from django.utils.translation import gettext as _

from thidua.core.text import user_display_name

register = template.Library()
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register.filter
def display_name(user) -> str:
    """A user's name in Vietnamese order ("Nguyễn Thị Oanh", never Django's "first last"): core.text."""
    return user_display_name(user)


@register.filter
def bs(field):
    """Render a bound field's widget with the Bootstrap class that suits it."""
    widget = field.field.widget
    if isinstance(widget, (forms.Select, forms.SelectMultiple)):
        css = "form-select"
    elif isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
        css = "form-check-input"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    return field.as_widget(attrs=attrs)


@register.filter
def change_value(value):
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Có")
    if value is False:
        return _("Không")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(change_value(v)) for v in value) or "—"
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return value


def _audit_field(event, field_name: str):
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        field = apps.get_model(event.target_type)._meta.get_field(field_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    return field if getattr(field, "concrete", False) else None  # not a reverse relation ("entries")


@register.filter
def field_label(event, field_name: str) -> str:
    """The Vietnamese label of a changed field in an audit row."""
    field = _audit_field(event, field_name)
    label = str(field.verbose_name) if field is not None else field_name
    return label[:1].upper() + label[1:]


def _is_money(field) -> bool:
    return isinstance(field, models.IntegerField) and (
        field.name == "amount" or field.name.endswith("_value") or "(đồng)" in str(field.verbose_name))


@register.filter
def change_text(event, field_name: str) -> str:
    """"old → new" of one field of an audit row as a reader wants it: choice labels, dd/mm/yyyy dates, amounts in
    đồng, lists joined."""
    from thidua.core.money import format_money

    field = _audit_field(event, field_name)
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    parts = []
    for value in event.changes.get(field_name, [None, None])[:2]:
        if field is not None and _is_money(field) and isinstance(value, int) and not isinstance(value, bool):
            parts.append(format_money(value))
        elif choices and value in choices:
            parts.append(str(choices[value]))
        else:
            parts.append(str(change_value(value)))
    return " → ".join(parts)
