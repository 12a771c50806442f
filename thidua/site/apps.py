from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top floor: home page, navigation, the demo loader, the bench and the commands that span domains.
    Label `thidua_site`: `site` alone would read as django.contrib.sites' neighbour."""

    name = "thidua.site"
    label = "thidua_site"
    verbose_name = "Trang chủ và điều hướng"
