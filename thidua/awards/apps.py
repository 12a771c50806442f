from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from thidua.core import hooks

        from . import award_import, certificates, rating_import  # noqa: F401  (register their jobs)
        from .history import household_panel, person_panel, unit_panel
        from .person_panel import person_inputs
        from .rounds import register_jobs

        register_jobs()  # the deadline reminders of the review rounds, a periodic job
        hooks.provide("org.person_panels", person_inputs)
        hooks.provide("org.person_panels", person_panel)
        hooks.provide("org.unit_panels", unit_panel)
        hooks.provide("participation.household_panels", household_panel)
