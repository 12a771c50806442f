from django import forms, template

register = template.Library()


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
        return "Có"
    if value is False:
        return "Không"
    return value


@register.filter
def field_label(event, field_name: str) -> str:
    """The Vietnamese label of a changed field in an audit row."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(event.target_type)
        return str(model._meta.get_field(field_name).verbose_name).capitalize()
    except (LookupError, ValueError, FieldDoesNotExist):
        return field_name
