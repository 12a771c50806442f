"""The commendation pages for `thidua bench` (issue 9 "Speed"): the Office inbox, the Council agenda, the
consolidated list, a unit head's nominations and a nomination's page — each on the demo's own records (the same
object at both scales), and the Office's and the Council's pages also on the largest synthetic ones as the
administrator. The runner calls `thidua.awards.synth.synth_awards()` after the synthetic province is made, and
times the consolidated list's XLSX (`consolidated_export`).

Issue 10: the Office's award-history search, a staff member's own history, the public honour roll (its index, the
demo's longest roll, and the longest roll of all — the synthetic one at province scale). A page whose URL is not
(yet) in the project is left out of the list rather than failing the run."""

from __future__ import annotations

import io
import time

from .page import Pages

DEMO_AGENCY = "Sở Giao thông vận tải tỉnh Cao Bằng"
PLAN = "vi-nguoi-ngheo-2021-2025"
LIST_STATES = ["accepted", "on_agenda", "agreed_decision", "agreed_province"]


def _demo_rounds():
    from thidua.awards.models import ReviewRound

    return ReviewRound.objects.filter(movement__code=PLAN)


def demo_consolidated_round():
    """The demo round with the longest consolidated list (ObjectDoesNotExist without the demo)."""
    from django.db.models import Count, Q

    found = (_demo_rounds().annotate(n=Count("nominations", filter=Q(nominations__status__in=LIST_STATES)))
             .order_by("-n", "-year", "id").first())
    if found is None:
        from thidua.awards.models import ReviewRound

        raise ReviewRound.DoesNotExist("the demo has no review round")
    return found


def unit_head_round():
    """The demo round where the unit head's division has the most nominations."""
    from django.db.models import Count, Q

    from thidua.awards.models import ReviewRound
    from thidua.org.models import RoleGrant

    grant = RoleGrant.objects.select_related("unit").get(user__username="truongphong", role="unit_head",
                                                         is_active=True)
    found = (_demo_rounds().annotate(n=Count("nominations", filter=Q(nominations__unit__path__startswith=grant.unit.path)))
             .order_by("-n", "-year", "id").first())
    if found is None:
        raise ReviewRound.DoesNotExist("the demo has no review round")
    return found


def demo_session():
    """The demo agency's Council session with the longest agenda."""
    from django.db.models import Count

    from thidua.awards.models import CouncilSession

    found = (CouncilSession.objects.filter(agency__name=DEMO_AGENCY).annotate(n=Count("items"))
             .order_by("-n", "-held_on", "id").first())
    if found is None:
        raise CouncilSession.DoesNotExist("the demo has no Council session")
    return found


def largest_session():
    from django.db.models import Count

    from thidua.awards.models import CouncilSession

    return CouncilSession.objects.annotate(n=Count("items")).order_by("-n", "id").first() or demo_session()


def demo_nomination():
    """A demo nomination that went the whole way to the Council (the fullest page: history, dossier, votes)."""
    from thidua.awards.models import Nomination

    return (Nomination.objects.filter(review_round__movement__code=PLAN, agenda_items__isnull=False)
            .order_by("id").first() or Nomination.objects.filter(review_round__movement__code=PLAN)
            .order_by("id")[:1].get())


def largest_round():
    from thidua.awards.synth import largest_consolidated_round

    return largest_consolidated_round() or demo_consolidated_round()


def _has_url(name: str) -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name)
    except NoReverseMatch as exc:
        return "with arguments" in str(exc) or "with keyword arguments" in str(exc)  # it exists, needs arguments
    return True


def demo_honour_roll() -> tuple[int, int]:
    """The demo agency's longest honour roll (movement, year); the 2679 movement's last year while the demo has no
    published decision (an empty roll: the page still answers)."""
    from django.db.models import Count

    from thidua.awards.scoping import public_awards
    from thidua.movements.models import Movement

    row = (public_awards().filter(movement__agency__name=DEMO_AGENCY).order_by().values("movement_id", "year")
           .annotate(n=Count("id")).order_by("-n", "-year", "movement_id").first())
    if row:
        return row["movement_id"], row["year"]
    movement = Movement.objects.get(code=PLAN)
    return movement.pk, movement.end_year


def largest_honour_roll() -> tuple[int, int]:
    from thidua.awards.synth import largest_honour_roll as largest

    return largest() or demo_honour_roll()


def pages() -> Pages:
    from django.urls import reverse

    found = Pages()
    register = found.add
    register("awards_inbox", "vanphong", lambda: reverse("awards:inbox"))
    register("awards_inbox_admin", "admin", lambda: reverse("awards:inbox"))
    register("awards_agenda", "vanphong", lambda: reverse("awards:session", args=[demo_session().pk]))
    register("awards_agenda_largest", "admin", lambda: reverse("awards:session", args=[largest_session().pk]))
    register("awards_consolidated", "vanphong",
             lambda: reverse("awards:consolidated", args=[demo_consolidated_round().pk]))
    register("awards_consolidated_largest", "admin",
             lambda: reverse("awards:consolidated", args=[largest_round().pk]))
    register("awards_unit_nominations", "truongphong",
             lambda: reverse("awards:round_nominations", args=[unit_head_round().pk]))
    register("awards_nomination", "vanphong", lambda: reverse("awards:nomination", args=[demo_nomination().pk]))
    # issue 10: the award history (the history engineer's pages) and the public honour roll
    if _has_url("awards:history"):
        register("awards_history_search", "vanphong", lambda: reverse("awards:history") + "?q=nguyen+van")
        register("awards_history_search_admin", "admin", lambda: reverse("awards:history") + "?q=nguyen+van")
    if _has_url("awards:my_awards"):
        register("awards_my_awards", "canbo", lambda: reverse("awards:my_awards"))
    register("awards_honour_index", None, lambda: reverse("awards:honour_index"))
    register("awards_honour_roll", None, lambda: reverse("awards:honour_roll", args=demo_honour_roll()))
    register("awards_honour_roll_largest", None, lambda: reverse("awards:honour_roll", args=largest_honour_roll()))
    return found


def consolidated_export(out=print) -> dict:
    """The longest consolidated list (5 000 nominations at province scale) written as XLSX, as the administrator
    exports it: rows and seconds (target < 10 s)."""
    from django.contrib.auth import get_user_model

    from thidua.awards.consolidated import write_xlsx

    review_round = largest_round()
    admin = get_user_model().objects.get(username="admin")
    buffer = io.BytesIO()
    start = time.perf_counter()
    rows = write_xlsx(admin, review_round, "all", buffer)
    seconds = round(time.perf_counter() - start, 2)
    out(f"Xuất danh sách đề nghị khen thưởng {rows} dòng ra XLSX: {seconds} s ({len(buffer.getvalue()) // 1024} KB)")
    return {"rows": rows, "seconds": seconds, "bytes": len(buffer.getvalue())}


def decision_with(lines: int):
    """The signed or published decision with at least `lines` awardees, the fewest such (exactly `lines` at
    province scale: the synth makes decisions of 1 000 and 500), else the longest; None without decisions."""
    from django.db.models import Count

    from thidua.awards.models import Decision

    signed = Decision.objects.filter(status__in=["signed", "published"]).annotate(n=Count("lines"))
    return (signed.filter(n__gte=lines).order_by("n", "id").first() or signed.order_by("-n", "id").first())


def decision_awards(decision) -> int:
    from thidua.awards.models import Award

    return Award.objects.filter(decision=decision).count()
