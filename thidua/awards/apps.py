from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from thidua.core import hooks

        from . import certificates, rating_import  # noqa: F401  (register their jobs)
        from .person_panel import person_inputs
        from .rounds import register_jobs

        register_jobs()  # the deadline reminders of the review rounds, a periodic job
        hooks.provide("org.person_panels", person_inputs)
