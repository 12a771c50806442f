"""Evaluating a candidate: the regime by the decision's date, the form's law under it, every rule's outcome, the
verdict (issue 11 §3)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import law
from .candidate import Candidate
from .checks import CHECKS, JUDGE, MET, NOT_MET, UNKNOWN, Context
from .forms import BY_CODE

ELIGIBLE, NOT_ELIGIBLE = "eligible", "not-eligible"


@dataclass(frozen=True)
class RuleResult:
    rule: str
    result: str  # met | not-met | unknown | judge
    basis: str
    detail: str
    blocking: bool = False
    route: str = ""

    def as_json(self) -> dict:
        """One rule of `thidua eligibility --json` (a contract: keep the keys)."""
        return {"rule": self.rule, "result": self.result, "basis": self.basis, "detail": self.detail}


@dataclass(frozen=True)
class Result:
    verdict: str  # eligible | not-eligible | unknown
    rules: list[RuleResult]
    regime: law.Regime | None = None


class NoRules(LookupError):
    """The form has no eligibility rules for that kind of recipient under the regime (or no regime covers the
    date): the message says which."""


_BASIS_TEXTS: dict[tuple, str] = {}


def basis_text(spec: law.Spec, regime: law.Regime) -> str:
    """The rule's legal basis and the regime's validity, written once per language (a list of 500 nominations
    asks the same few texts thousands of times)."""
    key = (spec.basis, spec.unconfirmed, regime.short_name, regime.valid_from, regime.valid_to, get_language())
    text = _BASIS_TEXTS.get(key)
    if text is None:
        if len(_BASIS_TEXTS) > 2000:
            _BASIS_TEXTS.clear()
        text = _BASIS_TEXTS[key] = _basis_text(spec, regime)
    return text


def _basis_text(spec: law.Spec, regime: law.Regime) -> str:
    until = (_("từ %(start)s đến %(end)s") % {"start": regime.valid_from.strftime("%d/%m/%Y"),
                                              "end": regime.valid_to.strftime("%d/%m/%Y")}
             if regime.valid_to else _("từ %(start)s") % {"start": regime.valid_from.strftime("%d/%m/%Y")})
    text = _("%(basis)s — chế độ %(regime)s, có hiệu lực %(until)s") % {
        "basis": spec.basis, "regime": regime.short_name, "until": until}
    if spec.unconfirmed:
        text += " " + _("(chưa xác nhận)")
    return text


def route_status(results: list[RuleResult]) -> str | None:
    """A route's answer from the rules the data can decide (None: only judged rules)."""
    decided = [r.result for r in results if r.result != JUDGE]
    if not decided:
        return None
    if NOT_MET in decided:
        return NOT_MET
    return MET if all(r == MET for r in decided) else UNKNOWN


def verdict(blocking: list[RuleResult], routes: list[list[RuleResult]]) -> str:
    """Issue 11 §3, word for word: eligible when no blocking rule is unmet and one route the data can decide is
    fully met; not eligible when a blocking rule is unmet or every such route is unmet; unknown otherwise. A judged
    rule never decides; a blocking rule left unknown does not stop "eligible" (its row says what is missing)."""
    if any(r.result == NOT_MET for r in blocking):
        return NOT_ELIGIBLE
    statuses = [s for s in (route_status(route) for route in routes) if s is not None]
    if statuses and all(s == NOT_MET for s in statuses):
        return NOT_ELIGIBLE
    return ELIGIBLE if MET in statuses else UNKNOWN


def _apply(spec: law.Spec, candidate: Candidate, ctx: Context, *, blocking: bool, route: str = "") -> RuleResult:
    outcome = CHECKS[spec.check](candidate, ctx, **spec.params)
    name = f"{route}: {spec.label}" if route else str(spec.label)
    return RuleResult(name, outcome.result, basis_text(spec, ctx.regime), outcome.detail, blocking, route)


def evaluate(candidate: Candidate, regime: law.Regime | None = None) -> Result:
    """Every rule of the candidate's form, recipient kind and regime (by default the one in force on the decision's
    date), and the verdict. NoRules when there are none."""
    regime = regime or law.regime_on(candidate.decision_date)
    if regime is None:
        raise NoRules(_("Chưa có chế độ pháp lý nào có hiệu lực ngày %(day)s.") % {
            "day": candidate.decision_date.strftime("%d/%m/%Y")})
    form = BY_CODE.get(candidate.form)
    form_law = law.form_law(regime, candidate.form, candidate.recipient) if form else None
    if form_law is None:
        raise NoRules(_("Chưa có quy định xét điều kiện “%(form)s” theo %(regime)s.") % {
            "form": form.name if form else candidate.form, "regime": regime.short_name})
    ctx = Context(regime, form)
    blocking = [_apply(spec, candidate, ctx, blocking=True) for spec in form_law.blocking]
    common = [_apply(spec, candidate, ctx, blocking=False) for spec in form_law.common]
    fitting = [route for route in form_law.routes if form.is_title or candidate.kind in route.kinds]
    routes = [[_apply(spec, candidate, ctx, blocking=False, route=str(route.label)) for spec in route.rules]
              for route in fitting]
    rules = blocking + common + [r for route in routes for r in route]
    return Result(verdict(blocking, [common + route for route in routes]), rules, regime)
