"""The commendation pages, one module of views per area (each exposes its `urlpatterns`)."""

from .views import (
    calendar,
    certificates,
    comments,
    council,
    decisions,
    forwarding,
    history,
    honour,
    law,
    lists,
    meetings,
    nominations,
    ratings,
    revocations,
    rounds,
    signing,
)

app_name = "awards"

urlpatterns = [
    *law.urlpatterns,
    *calendar.urlpatterns,
    *rounds.urlpatterns,
    *ratings.urlpatterns,
    *nominations.urlpatterns,
    *council.urlpatterns,
    *lists.urlpatterns,
    *meetings.urlpatterns,
    *forwarding.urlpatterns,
    *comments.urlpatterns,
    *history.urlpatterns,
    *signing.urlpatterns,
    *certificates.urlpatterns,
    *decisions.urlpatterns,
    *honour.urlpatterns,
    *revocations.urlpatterns,
]
