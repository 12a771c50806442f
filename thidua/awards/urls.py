"""The commendation pages, one module of views per area (each exposes its `urlpatterns`)."""

from .views import council, honour, law, lists, meetings, nominations, ratings, rounds

app_name = "awards"

urlpatterns = [
    *law.urlpatterns,
    *rounds.urlpatterns,
    *ratings.urlpatterns,
    *nominations.urlpatterns,
    *council.urlpatterns,
    *lists.urlpatterns,
    *meetings.urlpatterns,
    *honour.urlpatterns,
]
