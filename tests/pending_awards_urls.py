"""Until the awards areas' branches are merged into this one: stand-ins for the awards URL names that this branch's
navigation, home page and list page link to but other areas build (brief: `awards:rounds`, `round`, `inbox`, ...).

tests/conftest.py switches to this URL conf only while one of those names is missing, so after the merge it is
never used (and can be deleted). The stand-ins answer 404 to any request: nothing tests a page through them."""

from django.http import Http404
from django.urls import include, path

from thidua import urls as project
from thidua.awards import urls as awards
from thidua.core.access import SIGNED_IN, access

#: the fixed names (brief) this branch links to, with the URL arguments they take
LINKED = {"rounds": "", "round": "<int:pk>/", "round_nominations": "<int:pk>/", "nomination": "<int:pk>/",
          "inbox": "", "sessions": "", "session": "<int:pk>/", "session_vote": "<int:pk>/", "ratings": "",
          "law": ""}


@access(SIGNED_IN)
def stand_in(request, **kwargs):
    raise Http404


def _existing() -> set[str]:
    return {p.name for p in awards.urlpatterns}


def missing() -> list[str]:
    return sorted(set(LINKED) - _existing())


stand_ins = [path(f"cho-hop-nhat/{name}/{LINKED[name]}", stand_in, name=name) for name in missing()]
handler403, handler404, handler500 = project.handler403, project.handler404, project.handler500
urlpatterns = [
    *[p for p in project.urlpatterns if getattr(p, "namespace", None) != "awards"],
    path("khen-thuong/", include(([*awards.urlpatterns, *stand_ins], "awards"))),
]
