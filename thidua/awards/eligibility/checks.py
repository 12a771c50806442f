"""The small pure functions that answer one criterion each: `check(candidate, ctx, **figures) -> Outcome`. The
figures come from `law` (the regime's data); no figure, no citation here. Each outcome says what it used, in
Vietnamese ("Chiến sĩ thi đua cơ sở 2021, 2023, 2024: 3 lần, cần 3")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ..enums import AwardKind, DisciplineForm, Grade, RecognitionLevel
from ..legal import percent_label
from .candidate import Candidate, PastAward
from .forms import BY_CODE, CatalogForm
from .law import MERIT_ONLY, Regime

MET, NOT_MET, UNKNOWN, JUDGE = "met", "not-met", "unknown", "judge"
GRADE_RANK = {Grade.FAILED: 0, Grade.DONE: 1, Grade.GOOD: 2, Grade.EXCELLENT: 3}
LEVEL_RANK = {RecognitionLevel.BASE: 0, RecognitionLevel.PROVINCE: 1, RecognitionLevel.NATIONAL: 2}


@dataclass(frozen=True)
class Outcome:
    result: str
    detail: str


@dataclass(frozen=True)
class Context:
    regime: Regime
    form: CatalogForm


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _window(candidate: Candidate, years: int) -> list[int]:
    return list(range(candidate.year - years + 1, candidate.year + 1))


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _list(years) -> str:
    return ", ".join(str(y) for y in sorted(years))


def _form_name(code: str) -> str:
    form = BY_CODE.get(code)
    return form.name if form else code


def grade_label(grade: str) -> str:
    """The rating's own label (`Grade`), in running text: "hoàn thành tốt nhiệm vụ"."""
    return str(Grade(grade).label).lower()


def _needed(minimum: str) -> str:
    return _("hoàn thành xuất sắc nhiệm vụ") if minimum == Grade.EXCELLENT else _("hoàn thành tốt nhiệm vụ trở lên")


def kind_label(kind: str) -> str:
    return {AwardKind.MERIT: _("khen công trạng"), AwardKind.THEMATIC: _("khen theo chuyên đề"),
            AwardKind.SUDDEN: _("khen đột xuất")}[kind]


def counted(award: PastAward, regime: Regime) -> str | None:
    """Why an earlier award is no link in a merit chain under `regime` (None: it counts): revoked, or thematic or
    sudden where the regime says so (R2, R3)."""
    if award.revoked:
        return _("đã bị thu hồi")
    if award.kind != AwardKind.MERIT and not regime.thematic_counts_for_merit:
        return _("không làm căn cứ khen công trạng (%(basis)s)") % {
            "basis": MERIT_ONLY.get(regime.code, regime.short_name)}
    return None


def _award_label(award: PastAward) -> str:
    return f"{_form_name(award.form)} {award.year}"


# -- the rules that span forms ---------------------------------------------------------------------------------------

def registered(candidate: Candidate, ctx: Context) -> Outcome:
    if candidate.registered is None:
        return Outcome(UNKNOWN, _("Chưa có thông tin đăng ký thi đua năm %(year)s (registered).") % {
            "year": candidate.year})
    if candidate.registered:
        return Outcome(MET, _("Đã đăng ký thi đua năm %(year)s.") % {"year": candidate.year})
    return Outcome(NOT_MET, _("Không đăng ký thi đua năm %(year)s: không xét danh hiệu thi đua.") % {
        "year": candidate.year})


def _period(period) -> str:
    end = _day(period.end) if period.end else _("nay")
    return _("kỷ luật %(level)s từ %(start)s đến %(end)s") % {
        "level": str(DisciplineForm(period.level).label).lower(), "start": _day(period.start), "end": end}


def no_discipline(candidate: Candidate, ctx: Context) -> Outcome:
    """No discipline running at any time from the start of the achievement's year to the decision's date."""
    first, last = dt.date(candidate.year, 1, 1), candidate.decision_date
    when = _("từ %(first)s đến ngày quyết định %(last)s") % {"first": _day(first), "last": _day(last)}
    hits = [p for p in candidate.discipline if p.overlaps(first, last)]
    if hits:
        return Outcome(NOT_MET, _("Có %(periods)s, trùng thời gian %(when)s.") % {
            "periods": "; ".join(_period(p) for p in hits), "when": when})
    detail = _("Không có kỷ luật %(when)s.") % {"when": when}
    if candidate.discipline:
        detail += " " + _("Không trùng: %(periods)s.") % {
            "periods": "; ".join(_period(p) for p in candidate.discipline)}
    return Outcome(MET, detail)


def no_inquiry(candidate: Candidate, ctx: Context) -> Outcome:
    if candidate.under_investigation is None:
        return Outcome(UNKNOWN, _("Chưa có thông tin về việc điều tra, thanh tra, khiếu nại (under_investigation)."))
    if candidate.under_investigation:
        return Outcome(NOT_MET, _("Đang bị điều tra, thanh tra, kiểm tra hoặc có khiếu nại, tố cáo chưa giải quyết."))
    return Outcome(MET, _("Không đang bị điều tra, thanh tra, kiểm tra; không có khiếu nại, tố cáo chưa giải quyết."))


def one_award(candidate: Candidate, ctx: Context, *, chain_years: int = 0) -> Outcome:
    """Not the same form for the same year (and kind) again; for a merit chain, no earlier counted award of the
    same form inside the chain's years (those years' achievements were already rewarded)."""
    form = ctx.form
    same = [a for a in candidate.awards if a.form == form.code and not a.revoked and a.year == candidate.year
            and (form.is_title or a.kind == candidate.kind)]
    if same:
        return Outcome(NOT_MET, _("Đã được tặng %(form)s năm %(year)s cho thành tích này.") % {
            "form": form.name, "year": candidate.year})
    if chain_years and candidate.kind == AwardKind.MERIT:
        window = _window(candidate, chain_years)
        used = sorted(a.year for a in candidate.awards if a.form == form.code and a.year in window
                      and a.kind == AwardKind.MERIT and counted(a, ctx.regime) is None)
        if used:
            return Outcome(NOT_MET, _("%(form)s năm %(year)s đã khen thành tích các năm đến %(year)s, trùng với các "
                                      "năm xét %(window)s.") % {"form": form.name, "year": used[-1],
                                                                "window": _span(window)})
    return Outcome(MET, _("Chưa được tặng %(form)s cho thành tích này.") % {"form": form.name})


# -- ratings ---------------------------------------------------------------------------------------------------------

def rating(candidate: Candidate, ctx: Context, *, minimum: str) -> Outcome:
    grade = candidate.ratings.get(candidate.year)
    if grade is None:
        return Outcome(UNKNOWN, _("Chưa có xếp loại năm %(year)s (ratings.%(year)s).") % {"year": candidate.year})
    text = _("Năm %(year)s: %(grade)s") % {"year": candidate.year, "grade": grade_label(grade)}
    if GRADE_RANK[grade] >= GRADE_RANK[minimum]:
        return Outcome(MET, text + ".")
    return Outcome(NOT_MET, text + _(", cần %(needed)s.") % {"needed": _needed(minimum)})


def ldtt(candidate: Candidate, ctx: Context) -> Outcome:
    """Lao động tiên tiến in the year: recognised (an award), or its criterion met by the year's rating."""
    titles = [a for a in candidate.awards if a.form == "lao-dong-tien-tien" and a.year == candidate.year]
    if any(not a.revoked for a in titles):
        return Outcome(MET, _("Đã được công nhận Lao động tiên tiến năm %(year)s.") % {"year": candidate.year})
    if titles:
        return Outcome(NOT_MET, _("Danh hiệu Lao động tiên tiến năm %(year)s đã bị thu hồi.") % {
            "year": candidate.year})
    outcome = rating(candidate, ctx, minimum=Grade.GOOD)
    if outcome.result == MET:
        return Outcome(MET, outcome.detail[:-1] + _(" (đạt tiêu chuẩn Lao động tiên tiến)."))
    return outcome


def _no_rating() -> str:
    return _("chưa có xếp loại")


def _run(candidate: Candidate, years: int) -> tuple[list[int], list[tuple[int, str | None]]]:
    window = _window(candidate, years)
    return window, [(year, candidate.ratings.get(year)) for year in window]


def _run_text(window, grades, needed: str) -> str:
    parts = [f"{year} {grade_label(grade) if grade else _no_rating()}" for year, grade in grades]
    return _("%(window)s, cần %(needed)s: %(years)s") % {"window": _span(window), "needed": needed,
                                                        "years": "; ".join(parts)}


def rating_run(candidate: Candidate, ctx: Context, *, years: int, minimum: str) -> Outcome:
    """Every year of the run up to the achievement's year at `minimum` or better: a weaker year breaks it (not met),
    a year without a rating leaves it unknown."""
    window, grades = _run(candidate, years)
    text = _run_text(window, grades, _needed(minimum))
    weaker = [y for y, g in grades if g is not None and GRADE_RANK[g] < GRADE_RANK[minimum]]
    missing = [y for y, g in grades if g is None]
    if weaker:
        return Outcome(NOT_MET, text + ". " + _("Không liên tục: năm %(years)s không đạt.") % {"years": _list(weaker)})
    if missing:
        return Outcome(UNKNOWN, text + ". " + _("Thiếu xếp loại năm %(years)s (ratings).") % {"years": _list(missing)})
    return Outcome(MET, text + ".")


def excellent_count(candidate: Candidate, ctx: Context, *, years: int, count: int) -> Outcome:
    window, grades = _run(candidate, years)
    hits = [y for y, g in grades if g == Grade.EXCELLENT]
    missing = [y for y, g in grades if g is None]
    text = _("Hoàn thành xuất sắc nhiệm vụ trong %(window)s: %(n)s năm%(years)s, cần %(count)s") % {
        "window": _span(window), "n": len(hits), "years": f" ({_list(hits)})" if hits else "", "count": count}
    if len(hits) >= count:
        return Outcome(MET, text + ".")
    if len(hits) + len(missing) >= count:
        return Outcome(UNKNOWN, text + "; " + _("thiếu xếp loại năm %(years)s (ratings).") % {"years": _list(missing)})
    return Outcome(NOT_MET, text + ".")


def collective_run(candidate: Candidate, ctx: Context, *, years: int, title: str) -> Outcome:
    """A collective's run: each year excellent, or the title (Tập thể lao động xuất sắc) that says so."""
    window, grades = _run(candidate, years)
    titled = {a.year for a in candidate.awards if a.form == title and not a.revoked}
    parts, weaker, missing = [], [], []
    for year, grade in grades:
        if year in titled:
            parts.append(f"{year} {_form_name(title)}")
        elif grade is None:
            parts.append(f"{year} {_no_rating()}")
            missing.append(year)
        else:
            parts.append(f"{year} {grade_label(grade)}")
            if grade != Grade.EXCELLENT:
                weaker.append(year)
    text = _("%(window)s, cần hoàn thành xuất sắc nhiệm vụ: %(years)s") % {"window": _span(window),
                                                                         "years": "; ".join(parts)}
    if weaker:
        return Outcome(NOT_MET, text + ". " + _("Không liên tục: năm %(years)s không đạt.") % {"years": _list(weaker)})
    if missing:
        return Outcome(UNKNOWN, text + ". " + _("Thiếu xếp loại năm %(years)s (ratings).") % {"years": _list(missing)})
    return Outcome(MET, text + ".")


# -- titles, earlier awards, initiatives -----------------------------------------------------------------------------

def _tally(what: str, hits: list[int], window: list[int], figures: str) -> str:
    """"Chiến sĩ thi đua cơ sở 2021, 2023, 2024: 3 lần, cần 3 (xét 2021–2025)"."""
    text = f"{what} {_list(hits) if hits else _span(window)}: {figures}"
    if hits and len(window) > 1:
        text += " " + _("(xét %(window)s)") % {"window": _span(window)}
    return text


def title_count(candidate: Candidate, ctx: Context, *, form: str, years: int, count: int) -> Outcome:
    """How many times the title in the run's years (a revoked one counts for nothing)."""
    window = _window(candidate, years)
    inside = [a for a in candidate.awards if a.form == form and a.year in window]
    hits = sorted({a.year for a in inside if not a.revoked})
    revoked = sorted({a.year for a in inside if a.revoked} - set(hits))
    text = _tally(_form_name(form), hits, window, _("%(n)s lần, cần %(count)s") % {"n": len(hits), "count": count})
    if revoked:
        text += "; " + _("không tính %(years)s: đã bị thu hồi") % {"years": _list(revoked)}
    return Outcome(MET if len(hits) >= count else NOT_MET, text + ".")


def prior_award(candidate: Candidate, ctx: Context, *, forms: tuple, gap: int) -> Outcome:
    """An earlier award of one of `forms`, in a year at least `gap` years before the achievement's year, that
    counts for merit under the regime (not revoked; not thematic or sudden in R2, R3)."""
    limit = candidate.year - gap
    names = " " + _("hoặc") + " "
    wanted = names.join(_form_name(f) for f in forms)
    relevant = sorted((a for a in candidate.awards if a.form in forms), key=lambda a: a.year)
    good = [a for a in relevant if a.year <= limit and counted(a, ctx.regime) is None]
    notes = []
    for award in relevant:
        if award in good:
            continue
        reason = (counted(award, ctx.regime) if award.year <= limit
                  else _("sau năm %(limit)s") % {"limit": limit})
        notes.append(f"{_award_label(award)} ({kind_label(award.kind)}): {reason}")
    skipped = ("; " + _("không tính: %(notes)s") % {"notes": "; ".join(notes)}) if notes else ""
    if good:
        best = good[-1]
        return Outcome(MET, _("%(award)s (%(kind)s), năm %(limit)s trở về trước") % {
            "award": _award_label(best), "kind": kind_label(best.kind), "limit": limit} + skipped + ".")
    return Outcome(NOT_MET, _("Chưa có %(forms)s được tính từ năm %(limit)s trở về trước") % {
        "forms": wanted, "limit": limit} + skipped + ".")


def initiatives(candidate: Candidate, ctx: Context, *, years: int, count: int, level: str) -> Outcome:
    window = _window(candidate, years)
    hits = sorted(i.year for i in candidate.initiatives
                  if i.year in window and LEVEL_RANK[i.level] >= LEVEL_RANK[level])
    what = _("Sáng kiến, đề tài từ %(level)s trở lên") % {"level": str(RecognitionLevel(level).label).lower()}
    text = _tally(what, hits, window, _("%(n)s, cần %(count)s") % {"n": len(hits), "count": count})
    return Outcome(MET if len(hits) >= count else NOT_MET, text + ".")


# -- a collective's members ------------------------------------------------------------------------------------------

def _member_label(field: str) -> str:
    return {"completed": _("hoàn thành nhiệm vụ"), "lao_dong_tien_tien": _("đạt Lao động tiên tiến"),
            "chien_si_thi_dua_co_so": _("đạt Chiến sĩ thi đua cơ sở"),
            "disciplined": _("bị kỷ luật từ cảnh cáo trở lên")}[field]


def _members(candidate: Candidate, *fields: str) -> Outcome | None:
    """Unknown naming the missing figure, or None when every one is given."""
    members = candidate.members
    for name in fields:
        if members is None or getattr(members, name) is None:
            return Outcome(UNKNOWN, _("Thiếu số liệu thành viên năm %(year)s (members.%(field)s).") % {
                "year": candidate.year, "field": name})
    return None


def members_share(candidate: Candidate, ctx: Context, *, field: str, percent: Decimal) -> Outcome:
    missing = _members(candidate, "total", field)
    if missing:
        return missing
    value, total = getattr(candidate.members, field), candidate.members.total
    share = (Decimal(value) * 100 / total).quantize(Decimal("0.01")) if total else Decimal(0)
    text = _("%(value)s/%(total)s thành viên %(what)s (%(share)s%%), cần ít nhất %(percent)s%%.") % {
        "value": value, "total": total, "what": _member_label(field), "share": percent_label(share),
        "percent": percent_label(percent)}
    return Outcome(MET if total and value * 100 >= percent * total else NOT_MET, text)


def members_at_least(candidate: Candidate, ctx: Context, *, field: str, count: int) -> Outcome:
    missing = _members(candidate, field)
    if missing:
        return missing
    value = getattr(candidate.members, field)
    return Outcome(MET if value >= count else NOT_MET, _("%(value)s thành viên %(what)s, cần ít nhất %(count)s.") % {
        "value": value, "what": _member_label(field), "count": count})


def members_at_most(candidate: Candidate, ctx: Context, *, field: str, count: int) -> Outcome:
    missing = _members(candidate, field)
    if missing:
        return missing
    value = getattr(candidate.members, field)
    return Outcome(MET if value <= count else NOT_MET, _("%(value)s thành viên %(what)s, tối đa %(count)s.") % {
        "value": value, "what": _member_label(field), "count": count})


def judge(candidate: Candidate, ctx: Context) -> Outcome:
    return Outcome(JUDGE, _("Do Hội đồng cân nhắc; không quyết định kết quả tự động."))


CHECKS = {f.__name__: f for f in (
    registered, no_discipline, no_inquiry, one_award, rating, ldtt, rating_run, excellent_count, collective_run,
    title_count, prior_award, initiatives, members_share, members_at_least, members_at_most, judge)}
