"""Eligibility where the work happens (issue 11 §2): the rules of each nomination's form, rule by rule with their
legal basis and the facts they used, on the nomination page (while the unit prepares it and read-only after), the
Office's check, the Council's agenda and ballot and the consolidated list.

`panels_for(nominations) -> {id: Panel}` reads a whole list at once: one `eligibility.facts.candidates_for` call,
one query for the regimes and one for the submission days (and, with `justifications=True`, one for the written
justifications), whatever the list's length. Each nomination is evaluated under its governing regime
(`dossier.regime_among`: the regime in force on its decision day — the decision's date, else its Council
session's, else the round's planned Council day — or, for a dossier first submitted before a regime that keeps
the pipeline, the regime before it).

A rule "counts" unless it belongs to a route that is not taken while another route is fully met (the alternatives
of a form with several routes). `not_met` and `unknown` count those rules; a panel with a not-met rule needs a
written justification to go on (`services.JUSTIFIED_EDGES`). A judged rule is listed and never counted."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .dossier import regime_among
from .eligibility import NoRules, evaluate
from .eligibility import law as eligibility_law
from .eligibility.checks import JUDGE, MET, NOT_MET, UNKNOWN
from .eligibility.engine import ELIGIBLE, NOT_ELIGIBLE, route_status
from .eligibility.facts import candidates_for
from .models import LegalRegime, Nomination, NominationStep


@dataclass(frozen=True)
class PanelRule:
    rule: str
    result: str  # met | not-met | unknown | judge
    label: str  # the result in words
    basis: str
    detail: str
    counts: bool = True  # False: a route not taken while another one is met
    blocking: bool = False


@dataclass(frozen=True)
class Justification:
    text: str
    step: str  # the move it was written for ("Chờ kiểm tra hồ sơ", "Hồ sơ hợp lệ")
    actor: str
    at: object


@dataclass
class Panel:
    verdict: str | None  # eligible | not-eligible | unknown; None: no rules for the form (see `note`)
    rules: list[PanelRule] = field(default_factory=list)
    regime: LegalRegime | None = None
    note: str = ""
    justifications: list[Justification] = field(default_factory=list)

    @property
    def not_met(self) -> int:
        return sum(1 for r in self.rules if r.counts and r.result == NOT_MET)

    @property
    def unknown(self) -> int:
        return sum(1 for r in self.rules if r.counts and r.result == UNKNOWN)

    @property
    def needs_justification(self) -> bool:
        return self.not_met > 0

    @property
    def verdict_label(self) -> str:
        return _verdict_labels().get(self.verdict, "")

    @property
    def badge(self) -> str:
        """"Chưa đạt N tiêu chí", else "Chưa rõ N tiêu chí", else "Đủ điều kiện" (empty: no rules)."""
        if self.not_met:
            return _("Chưa đạt %(n)s tiêu chí") % {"n": self.not_met}
        if self.unknown:
            return _("Chưa rõ %(n)s tiêu chí") % {"n": self.unknown}
        return _("Đủ điều kiện") if self.verdict == ELIGIBLE else ""

    @property
    def flag(self) -> str:
        """The consolidated list's "Điều kiện" cell: the badge of a not-met or unknown rule, else empty."""
        return self.badge if (self.not_met or self.unknown) else ""

    @property
    def badge_class(self) -> str:
        if self.not_met:
            return "text-bg-danger"
        if self.unknown:
            return "text-bg-warning"
        return "text-bg-success"


def _verdict_labels() -> dict:
    return {ELIGIBLE: _("Đủ điều kiện"), NOT_ELIGIBLE: _("Không đủ điều kiện"),
            UNKNOWN: _("Chưa đủ dữ liệu để kết luận")}


def _result_labels() -> dict:
    return {MET: _("Đạt"), NOT_MET: _("Chưa đạt"), UNKNOWN: _("Chưa rõ"), JUDGE: _("Hội đồng xem xét")}


def _law_regime(regime: LegalRegime) -> eligibility_law.Regime:
    """The rules' regime for a regime row: its dates and its thematic rule come from the row (a regime the Office
    added has no rules yet: the engine says so)."""
    return eligibility_law.Regime(regime.code, regime.short_name, regime.name, regime.valid_from, regime.valid_to,
                                  regime.thematic_counts_for_merit)


def _panel_rules(result, labels: dict) -> list[PanelRule]:
    shared = [r for r in result.rules if not r.route]
    common = [r for r in shared if not r.blocking]
    routes: dict[str, list] = {}
    for r in result.rules:
        if r.route:
            routes.setdefault(r.route, []).append(r)
    taken = {route for route, rules in routes.items() if route_status(common + rules) == MET}
    return [PanelRule(r.rule, r.result, labels[r.result], r.basis, r.detail,
                      counts=not (taken and r.route and r.route not in taken), blocking=r.blocking)
            for r in result.rules]


def _justifications(ids: list[int]) -> dict[int, list[Justification]]:
    from thidua.core.text import user_display_name

    from .enums import NominationStatus

    out: dict[int, list[Justification]] = {}
    for step in (NominationStep.objects.filter(nomination_id__in=ids).exclude(justification="")
                 .select_related("actor", "actor__person").order_by("at", "id")):
        out.setdefault(step.nomination_id, []).append(Justification(
            step.justification, str(NominationStatus(step.target).label),
            user_display_name(step.actor) if step.actor else _("Hệ thống"), step.at))
    return out


#: nominations read at once (bounded IN lists whatever the list's length: the minutes of a tổng kết session)
BATCH = 500


def panels_for(nominations, *, justifications: bool = False) -> dict[int, Panel]:
    """{nomination id: Panel} for a list, in a fixed number of queries whatever its length (per BATCH)."""
    nominations = list(nominations)
    if not nominations:
        return {}
    regimes = list(LegalRegime.objects.order_by("valid_from", "id"))
    labels = _result_labels()  # translated once for the whole list
    law_regimes: dict[int, eligibility_law.Regime] = {}
    panels: dict[int, Panel] = {}
    for start in range(0, len(nominations), BATCH):
        batch = nominations[start:start + BATCH]
        panels.update(_panels(batch, regimes, labels, law_regimes, justifications))
    return panels


def _panels(nominations, regimes, labels, law_regimes, justifications: bool) -> dict[int, Panel]:
    ids = [n.pk for n in nominations]
    candidates = candidates_for(nominations)
    submitted = dict(Nomination.objects.filter(pk__in=ids).values_list("id", "first_submitted_at"))
    written = _justifications(ids) if justifications else {}
    panels: dict[int, Panel] = {}
    for pk in ids:
        candidate = candidates.get(pk)
        if candidate is None:
            continue
        sent = submitted.get(pk)
        regime = regime_among(regimes, candidate.decision_date, timezone.localdate(sent) if sent else None)
        if regime is None:
            panel = Panel(None, note=_("Chưa có chế độ pháp lý nào có hiệu lực ngày %(day)s.") % {
                "day": candidate.decision_date.strftime("%d/%m/%Y")})
        else:
            if regime.pk not in law_regimes:
                law_regimes[regime.pk] = _law_regime(regime)
            try:
                result = evaluate(candidate, law_regimes[regime.pk])
            except NoRules as exc:
                panel = Panel(None, regime=regime, note=str(exc))
            else:
                panel = Panel(result.verdict, _panel_rules(result, labels), regime)
        panel.justifications = written.get(pk, [])
        panels[pk] = panel
    return panels


def panel_for(nomination: Nomination, *, justifications: bool = True) -> Panel | None:
    return panels_for([nomination], justifications=justifications).get(nomination.pk)


def attach(nominations, *, justifications: bool = False) -> None:
    """Set `eligibility` (a Panel or None) on each nomination of a list."""
    nominations = list(nominations)
    panels = panels_for(nominations, justifications=justifications)
    for n in nominations:
        n.eligibility = panels.get(n.pk)


__all__ = ["Panel", "PanelRule", "Justification", "panels_for", "panel_for", "attach"]
