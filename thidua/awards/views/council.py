"""(filled by its area)."""

urlpatterns: list = []
