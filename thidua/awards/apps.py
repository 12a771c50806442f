from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from .rounds import register_jobs

        register_jobs()  # the deadline reminders of the review rounds, a periodic job
