"""The commendation pages, one module of views per area (each exposes its `urlpatterns`)."""

from .views import council, law, lists, meetings, nominations, ratings, rounds, signing

app_name = "awards"

urlpatterns = [
    *law.urlpatterns,
    *rounds.urlpatterns,
    *ratings.urlpatterns,
    *nominations.urlpatterns,
    *council.urlpatterns,
    *lists.urlpatterns,
    *meetings.urlpatterns,
    *signing.urlpatterns,
]
