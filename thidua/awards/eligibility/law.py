"""The eligibility rules as data: for each regime (by its code; validity dates from `seed.REGIMES`), each form and
recipient kind, the blocking rules and the routes (alternative sets of criteria, each for the kinds of proposal
it fits), every criterion with its figures and its legal basis. The check functions (`checks`) hold no figure and
no citation.

A citation marked U (unconfirmed) is one that ../shared/domain.md marks *unconfirmed* or does not give: the
output says "chưa xác nhận" beside it. The Office's legal officer confirms them; until then they are shown as
stated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ..enums import AwardKind, Grade, RecipientKind, RecognitionLevel
from ..seed import REGIMES as SEED_REGIMES

U, C = True, False
MERIT, THEMATIC, SUDDEN = AwardKind.MERIT.value, AwardKind.THEMATIC.value, AwardKind.SUDDEN.value
ALL_KINDS = frozenset({MERIT, THEMATIC, SUDDEN})
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = (RecipientKind.INDIVIDUAL.value, RecipientKind.COLLECTIVE.value,
                                     RecipientKind.HOUSEHOLD.value)


@dataclass(frozen=True)
class Regime:
    code: str
    short_name: str
    name: str
    valid_from: dt.date
    valid_to: dt.date | None
    #: R1: thematic and sudden awards count toward a merit chain; R2, R3: they do not (NĐ 98, NĐ 152 Điều 4)
    thematic_counts_for_merit: bool

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


REGIMES = [Regime(spec["code"], spec["short_name"], spec["name"], spec["valid_from"], spec["valid_to"],
                  spec["thematic_counts_for_merit"]) for spec in SEED_REGIMES]


def regime_on(day: dt.date, regimes: list[Regime] | None = None) -> Regime | None:
    """The regime in force on `day` (the latest that covers it), or None."""
    covering = [r for r in (regimes or REGIMES) if r.covers(day)]
    return max(covering, key=lambda r: r.valid_from) if covering else None


@dataclass(frozen=True)
class Spec:
    """One criterion: the check that answers it (`checks.CHECKS[check]`), its label, its figures, its basis."""

    check: str
    label: str
    basis: str
    unconfirmed: bool = False
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    label: str
    kinds: frozenset
    rules: tuple


@dataclass(frozen=True)
class FormLaw:
    """The rules that block (an unmet one makes the candidate not eligible), the rules every route shares, and the
    routes."""

    blocking: tuple
    routes: tuple
    common: tuple = ()


# -- the documents ---------------------------------------------------------------------------------------------------

LAW_2003 = "Luật Thi đua, Khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
ND_91 = "Nghị định 91/2017/NĐ-CP"
ND_98 = "Nghị định 98/2023/NĐ-CP"
ND_152 = "Nghị định 152/2025/NĐ-CP"

LDTT, CSTD = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"
TTLDTT, TTLDXS = "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"
GIAY_KHEN, BK_TINH, BK_BO = "giay-khen-giam-doc-so", "bang-khen-chu-tich-ubnd-tinh", "bang-khen-bo-truong"
BK_TTG, HCLD3 = "bang-khen-thu-tuong", "huan-chuong-lao-dong-hang-ba"
GOOD, EXCELLENT = Grade.GOOD.value, Grade.EXCELLENT.value
BASE, PROVINCE = RecognitionLevel.BASE.value, RecognitionLevel.PROVINCE.value


def _judge(label, basis, unconfirmed=False):
    return Spec("judge", label, basis, unconfirmed)


def _blocking(decree_cite: str, spanning_unconfirmed: bool, *, title: bool, registration: str,
              chain_years: int = 0) -> tuple:
    """The rules that span forms: registration (titles), discipline, investigation or complaint, one achievement
    one award."""
    rules = []
    if title:
        rules.append(Spec("registered", _("Đăng ký thi đua"), registration, U))
    rules += [
        Spec("no_discipline", _("Không trong thời gian bị kỷ luật"), decree_cite, spanning_unconfirmed),
        Spec("no_inquiry", _("Không đang bị điều tra, thanh tra, kiểm tra hoặc có khiếu nại, tố cáo chưa giải quyết"),
             decree_cite, spanning_unconfirmed),
        Spec("one_award", _("Một thành tích chỉ khen một lần"), decree_cite, spanning_unconfirmed,
             {"chain_years": chain_years}),
    ]
    return tuple(rules)


def _titles(law: str, decree_cite: str, spanning_u: bool, registration: str, cstd_extra: tuple = ()) -> dict:
    """The four yearly titles: the same criteria under the three regimes (domain.md §6.2, §6.6), each regime's
    articles."""
    def block():
        return _blocking(decree_cite, spanning_u, title=True, registration=registration)

    ldtt = FormLaw(block(), (Route(_("Tiêu chuẩn danh hiệu"), ALL_KINDS, (
        Spec("rating", _("Hoàn thành tốt nhiệm vụ trở lên trong năm"), f"{law}, Điều 24", U, {"minimum": GOOD}),)),))
    cstd = FormLaw(block(), (
        Route(_("Theo mức hoàn thành nhiệm vụ"), ALL_KINDS, (
            Spec("rating", _("Hoàn thành xuất sắc nhiệm vụ trong năm"), f"{law}, Điều 23", U,
                 {"minimum": EXCELLENT}),)),
        Route(_("Theo sáng kiến, đề tài"), ALL_KINDS, (
            Spec("initiatives", _("Sáng kiến, đề tài được công nhận từ cấp cơ sở trở lên trong năm"),
                 f"{law}, Điều 23", U, {"years": 1, "count": 1, "level": BASE}),)),
    ), common=(Spec("ldtt", _("Đạt danh hiệu Lao động tiên tiến trong năm"), f"{law}, Điều 23", U), *cstd_extra))
    members = (
        Spec("members_share", _("Ít nhất 70% thành viên đạt Lao động tiên tiến"), "", U,
             {"field": "lao_dong_tien_tien", "percent": Decimal("70")}),
        Spec("members_at_most", _("Không có thành viên bị kỷ luật từ cảnh cáo trở lên"), "", U,
             {"field": "disciplined", "count": 0}),
    )

    def cite(article, specs):
        return tuple(Spec(s.check, s.label, s.basis or f"{law}, Điều {article}", s.unconfirmed, s.params)
                     for s in specs)

    ttldtt = FormLaw(block(), (Route(_("Tiêu chuẩn danh hiệu"), ALL_KINDS, cite(28, (
        Spec("rating", _("Tập thể hoàn thành tốt nhiệm vụ trở lên trong năm"), "", U, {"minimum": GOOD}),
        *members))),))
    ttldxs = FormLaw(block(), (Route(_("Tiêu chuẩn danh hiệu"), ALL_KINDS, cite(27, (
        Spec("rating", _("Tập thể hoàn thành xuất sắc nhiệm vụ trong năm"), "", U, {"minimum": EXCELLENT}),
        Spec("members_share", _("100% thành viên hoàn thành nhiệm vụ"), "", U,
             {"field": "completed", "percent": Decimal("100")}),
        members[0],
        Spec("members_at_least", _("Có cá nhân đạt Chiến sĩ thi đua cơ sở"), "", U,
             {"field": "chien_si_thi_dua_co_so", "count": 1}),
        members[1]))),))
    return {(LDTT, INDIVIDUAL): ldtt, (CSTD, INDIVIDUAL): cstd, (TTLDTT, COLLECTIVE): ttldtt,
            (TTLDXS, COLLECTIVE): ttldxs}


def _giay_khen(law: str, block: tuple) -> dict:
    cite = f"{law}, Điều 75"
    rated = Spec("rating", _("Hoàn thành tốt nhiệm vụ trở lên trong năm"), cite, U, {"minimum": GOOD})
    example = _judge(_("Gương mẫu chấp hành chủ trương, chính sách, pháp luật; có thành tích được bình xét trong "
                       "phong trào thi đua (Hội đồng xem xét)"), cite, U)
    sudden = Route(_("Thành tích đột xuất"), frozenset({SUDDEN}), (
        _judge(_("Thành tích đột xuất (Hội đồng xem xét)"), cite, U),))
    for_people = FormLaw(block, (
        Route(_("Thành tích công tác"), frozenset({MERIT, THEMATIC}), (rated, example)), sudden))
    household = FormLaw(block, (Route(_("Hộ gia đình"), ALL_KINDS, (
        _judge(_("Gương mẫu chấp hành chủ trương, chính sách, pháp luật; có đóng góp cho phong trào thi đua "
                 "(Hội đồng xem xét)"), cite, U),)),))
    return {(GIAY_KHEN, INDIVIDUAL): for_people, (GIAY_KHEN, COLLECTIVE): for_people,
            (GIAY_KHEN, HOUSEHOLD): household}


def _judged_routes(cite: str, unconfirmed: bool, movement_label, sudden_label) -> tuple:
    return (Route(_("Thành tích trong phong trào thi đua"), frozenset({THEMATIC}), (
                _judge(movement_label, cite, unconfirmed),)),
            Route(_("Thành tích đột xuất"), frozenset({SUDDEN}), (_judge(sudden_label, cite, unconfirmed),)))


def _provincial(law: str, decree_cite: str, spanning_u: bool, *, with_cstd_route: bool, chain_u: bool,
                cite: str, collective_cite: str) -> dict:
    """Bằng khen của Chủ tịch UBND tỉnh: two merit chains for a person, one for a collective."""
    block = _blocking(decree_cite, spanning_u, title=False, registration="", chain_years=2)
    excellent = Route(_("Khen công trạng: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ, 2 sáng kiến"), frozenset({MERIT}),
                      (Spec("rating_run", _("2 năm liên tục hoàn thành xuất sắc nhiệm vụ"), cite, chain_u,
                            {"years": 2, "minimum": EXCELLENT}),
                       Spec("initiatives", _("2 sáng kiến (đề tài) được công nhận, áp dụng từ cấp cơ sở trở lên"),
                            cite, chain_u, {"years": 2, "count": 2, "level": BASE})))
    routes = [excellent]
    if with_cstd_route:
        routes.insert(0, Route(_("Khen công trạng: 2 lần liên tục Chiến sĩ thi đua cơ sở"), frozenset({MERIT}), (
            Spec("title_count", _("2 lần liên tục đạt Chiến sĩ thi đua cơ sở"), cite, chain_u,
                 {"form": CSTD, "years": 2, "count": 2}),)))
    routes.append(Route(_("Khen công trạng: nhiều thành tích, đóng góp"), frozenset({MERIT}), (
        _judge(_("Nhiều thành tích có phạm vi ảnh hưởng, đóng góp cho công tác xã hội, từ thiện (Hội đồng xem xét)"),
               cite, chain_u),)))
    movement = _judged_routes(cite, chain_u, _("Thành tích xuất sắc được bình xét trong phong trào thi đua do tỉnh "
                                               "phát động (Hội đồng xem xét)"),
                              _("Thành tích đột xuất (Hội đồng xem xét)"))
    collective = FormLaw(block, (
        Route(_("Khen công trạng: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ"), frozenset({MERIT}), (
            Spec("collective_run", _("2 năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập thể lao động xuất sắc"),
                 collective_cite, U, {"years": 2, "title": TTLDXS}),)),
        *movement))
    household = FormLaw(block, (Route(_("Hộ gia đình"), ALL_KINDS, (
        _judge(_("Có đóng góp về công sức, đất đai, tài sản cho địa phương và xã hội (Hội đồng xem xét)"),
               collective_cite, U),)),))
    return {(BK_TINH, INDIVIDUAL): FormLaw(block, (*routes, *movement)), (BK_TINH, COLLECTIVE): collective,
            (BK_TINH, HOUSEHOLD): household}


def _national(decree_cite: str, spanning_u: bool, *, pm_rules: tuple, pm_cite: str, pm_u: bool,
              order_rules: tuple, order_cite: str, order_movement: Route | None) -> dict:
    """Bằng khen của Thủ tướng Chính phủ and Huân chương Lao động hạng Ba: the merit chains of a person; a
    collective's and a household's criteria are the Council's to weigh (not in domain.md)."""
    block = _blocking(decree_cite, spanning_u, title=False, registration="", chain_years=5)
    pm_moves = _judged_routes(pm_cite, pm_u, _("Thành tích xuất sắc tiêu biểu được bình xét trong phong trào thi đua "
                                               "(Hội đồng xem xét)"),
                              _("Thành tích đột xuất có phạm vi ảnh hưởng rộng (Hội đồng xem xét)"))
    judged_all = Route(_("Tập thể, hộ gia đình"), ALL_KINDS, (
        _judge(_("Tiêu chuẩn đối với tập thể, hộ gia đình (Hội đồng xem xét)"), pm_cite, U),))
    order_all = Route(_("Tập thể"), ALL_KINDS, (
        _judge(_("Tiêu chuẩn đối với tập thể (Hội đồng xem xét)"), order_cite, U),))
    order_routes = [Route(_("Khen công trạng"), frozenset({MERIT}), order_rules)]
    if order_movement is not None:
        order_routes.append(order_movement)
    return {
        (BK_TTG, INDIVIDUAL): FormLaw(block, (Route(_("Khen công trạng"), frozenset({MERIT}), pm_rules), *pm_moves)),
        (BK_TTG, COLLECTIVE): FormLaw(block, (judged_all,)),
        (BK_TTG, HOUSEHOLD): FormLaw(block, (judged_all,)),
        (HCLD3, INDIVIDUAL): FormLaw(block, tuple(order_routes)),
        (HCLD3, COLLECTIVE): FormLaw(block, (order_all,)),
    }


def _prior(label, forms, gap, cite, unconfirmed):
    return Spec("prior_award", label, cite, unconfirmed, {"forms": forms, "gap": gap})


def _r1() -> dict:
    decree = f"{ND_91}, Điều 3"
    law = LAW_2003
    pm_cite, order_cite = f"{ND_91}, Điều 38 khoản 1", f"{ND_91}, Điều 24"
    return {
        **_titles(law, decree, U, f"{ND_91}, Điều 3", cstd_extra=(
            Spec("judge", _("Chiến sĩ thi đua cơ sở không vượt tỷ lệ 15% trên tổng số Lao động tiên tiến của đơn vị (Văn "
                            "phòng kiểm tra trên cả đơn vị)"), f"{ND_91}, Điều 9 khoản 3", C),)),
        **_giay_khen(law, _blocking(decree, U, title=False, registration="")),
        **_provincial(law, decree, U, with_cstd_route=False, chain_u=U, cite=f"{law}, Điều 72; {ND_91}, Điều 39",
                      collective_cite=f"{law}, Điều 72; {ND_91}, Điều 39"),
        **_national(decree, U, pm_cite=pm_cite, pm_u=C, pm_rules=(
            _prior(_("Đã được tặng Bằng khen cấp bộ, cấp tỉnh, trước 5 năm xét"), (BK_TINH, BK_BO), 5, pm_cite, C),
            Spec("rating_run", _("5 năm liên tục tiếp theo hoàn thành xuất sắc nhiệm vụ"), pm_cite, C,
                 {"years": 5, "minimum": EXCELLENT}),
            Spec("initiatives", _("5 sáng kiến được công nhận, áp dụng từ cấp cơ sở trở lên trong 5 năm"), pm_cite, C,
                 {"years": 5, "count": 5, "level": BASE})),
            order_cite=order_cite, order_rules=(
            _prior(_("Đã được tặng Bằng khen của Thủ tướng Chính phủ, trước 5 năm xét"), (BK_TTG,), 5, order_cite, C),
            Spec("rating_run", _("5 năm liên tục tiếp theo hoàn thành xuất sắc nhiệm vụ"), order_cite, C,
                 {"years": 5, "minimum": EXCELLENT}),
            Spec("initiatives", _("2 sáng kiến có phạm vi ảnh hưởng cấp tỉnh trở lên trong 5 năm"), order_cite, C,
                 {"years": 5, "count": 2, "level": PROVINCE})), order_movement=None),
    }


def _law_2022(decree: str, spanning_u: bool) -> dict:
    """R2 and R3: the Law 06/2022/QH15's criteria; the decree in force for the rules that span forms."""
    law = LAW_2022
    spanning = f"{decree}, Điều 4"
    pm_cite, order_cite = f"{law}, Điều 73 khoản 1 điểm b", f"{law}, Điều 44 khoản 1 điểm e"
    return {
        **_titles(law, spanning, spanning_u, f"{law}, Điều 5"),
        **_giay_khen(law, _blocking(spanning, spanning_u, title=False, registration="")),
        **_provincial(law, spanning, spanning_u, with_cstd_route=True, chain_u=C,
                      cite=f"{law}, Điều 74 khoản 1 điểm d", collective_cite=f"{law}, Điều 74 khoản 2"),
        **_national(spanning, spanning_u, pm_cite=pm_cite, pm_u=C, pm_rules=(
            # whether the five years must follow the earlier Bằng khen is unconfirmed: the detail shows the years
            _prior(_("Đã được tặng Bằng khen cấp bộ, cấp tỉnh (khen công trạng), trước năm xét"), (BK_TINH, BK_BO), 1,
                   pm_cite, U),
            Spec("rating_run", _("5 năm liên tục hoàn thành tốt nhiệm vụ trở lên đến năm đề nghị"), pm_cite, C,
                 {"years": 5, "minimum": GOOD}),
            Spec("title_count", _("3 lần Chiến sĩ thi đua cơ sở trong 5 năm"), pm_cite, C,
                 {"form": CSTD, "years": 5, "count": 3})),
            order_cite=order_cite, order_rules=(
            _prior(_("Đã được tặng Bằng khen của Thủ tướng Chính phủ (khen công trạng), trước 5 năm xét"), (BK_TTG,), 5,
                   order_cite, C),
            Spec("rating_run", _("5 năm liên tục tiếp theo hoàn thành tốt nhiệm vụ trở lên"), order_cite, C,
                 {"years": 5, "minimum": GOOD}),
            Spec("excellent_count", _("Ít nhất 1 năm hoàn thành xuất sắc nhiệm vụ trong 5 năm"), order_cite, C,
                 {"years": 5, "count": 1}),
            Spec("title_count", _("3 lần Chiến sĩ thi đua cơ sở trong 5 năm"), order_cite, C,
                 {"form": CSTD, "years": 5, "count": 3})),
            order_movement=Route(_("Thành tích trong phong trào thi đua"), frozenset({THEMATIC}), (
                _judge(_("Công nhân, nông dân, người lao động có thành tích xuất sắc trong sơ kết, tổng kết phong trào "
                         "thi đua từ 5 năm trở lên do bộ, tỉnh phát động (Hội đồng xem xét)"),
                       f"{law}, Điều 44 khoản 2", C),))),
    }


#: regime code → where the law says thematic and sudden awards are no basis for a merit award (R2, R3)
MERIT_ONLY = {"nd-98-2023": f"{ND_98}, Điều 4", "nd-152-2025": f"{ND_152}, Điều 4"}

#: regime code → (form code, RecipientKind) → FormLaw
LAW = {"nd-91-2017": _r1(), "nd-98-2023": _law_2022(ND_98, U), "nd-152-2025": _law_2022(ND_152, C)}


def form_law(regime: Regime, form: str, recipient: str) -> FormLaw | None:
    return LAW.get(regime.code, {}).get((form, recipient))


def forms_with_rules() -> set[str]:
    return {form for table in LAW.values() for form, _recipient in table}
