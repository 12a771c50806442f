from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from . import accounts, checks, signals  # noqa: F401
