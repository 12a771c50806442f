from django import template

from thidua.core.money import amount_in_words, format_money

register = template.Library()


@register.filter
def dong(value):
    """1000000 -> "1.000.000 đ"."""
    if value is None or value == "":
        return ""
    return format_money(int(value))


@register.filter
def words(value):
    return amount_in_words(int(value))
