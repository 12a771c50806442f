from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"
    verbose_name = "Phong trào và kế hoạch"
