from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    """Registration for emulation (đăng ký thi đua): its own app inside participation, with its own migrations."""

    name = "thidua.participation.registrations"
    label = "registrations"
    verbose_name = "Đăng ký thi đua"
