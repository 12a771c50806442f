from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = "Tổ chức và nhân sự"

    def ready(self) -> None:
        from . import importing  # noqa: F401  (registers the import jobs)
