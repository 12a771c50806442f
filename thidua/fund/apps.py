from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "thidua.fund"
    label = "fund"
    verbose_name = "Quỹ \u201cVì người nghèo\u201d"
