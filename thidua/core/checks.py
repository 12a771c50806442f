"""Deployment checks of our own (`thidua check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_not_the_demo_key(app_configs=None, **kwargs):
    if settings.SECRET_KEY == getattr(settings, "DEMO_SECRET_KEY", None):
        return [Error(
            "SECRET_KEY là khóa công khai của bản demo: ai cũng ký được cookie với khóa này.",
            hint="Đặt THIDUA_SECRET_KEY là một chuỗi ngẫu nhiên dài và bật THIDUA_PRODUCTION.",
            id="thidua.E001",
        )]
    return []
