"""The commendation pages, one module of views per area (each exposes its `urlpatterns`)."""

from .views import certificates, council, law, lists, meetings, nominations, ratings, rounds

app_name = "awards"

urlpatterns = [
    *law.urlpatterns,
    *rounds.urlpatterns,
    *ratings.urlpatterns,
    *nominations.urlpatterns,
    *council.urlpatterns,
    *lists.urlpatterns,
    *meetings.urlpatterns,
    *certificates.urlpatterns,
]
