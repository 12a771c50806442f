"""The project's URLs plus the nomination and round pages' names, for a branch where the nominations area has not yet added
it (services.move_nomination links its notices to `awards:nomination`). Used only when that name is missing."""

from django.http import Http404
from django.urls import include, path

from thidua import urls as project
from thidua.awards import urls as awards
from thidua.core.access import SIGNED_IN, access


@access(SIGNED_IN)
def nomination(request, pk: int):
    raise Http404


_names = {getattr(p, "name", None) for p in awards.urlpatterns}
_awards = [*awards.urlpatterns]
if "nomination" not in _names:
    _awards.append(path("de-nghi/<int:pk>/", nomination, name="nomination"))
if "round" not in _names:
    _awards.append(path("dot-xet/<int:pk>/", nomination, name="round"))
urlpatterns = [p for p in project.urlpatterns if getattr(p, "namespace", None) != "awards"]
urlpatterns.append(path("khen-thuong/", include((_awards, "awards"))))
handler403, handler404, handler500 = project.handler403, project.handler404, project.handler500
