from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "thidua.fund"
    label = "fund"
    verbose_name = "Quỹ \u201cVì người nghèo\u201d"

    def ready(self) -> None:
        from . import export  # noqa: F401  (registers the export job)
