from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "thidua.fund"
    label = "fund"
    verbose_name = "Quỹ \u201cVì người nghèo\u201d"

    def ready(self) -> None:
        from thidua.core import hooks

        from . import export  # noqa: F401  (registers the export job)
        from .hooks import activity_funding, unit_contributions

        hooks.provide("participation.activity_panels", activity_funding)
        hooks.provide("participation.unit_contributions", unit_contributions)
