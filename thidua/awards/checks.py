"""What a nomination needs before the unit may submit it (the nominations area extends this list): each problem is
a Vietnamese sentence naming what is missing or wrong."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import RoundStatus
from .meetings import meeting_problem
from .models import Nomination


def submission_problems(nomination: Nomination) -> list[str]:
    problems: list[str] = []
    review_round = nomination.review_round
    if review_round.status != RoundStatus.OPEN:
        problems.append(_("Đợt xét “%(round)s” không nhận hồ sơ (%(state)s).") % {
            "round": review_round.name, "state": review_round.get_status_display()})
    elif timezone.localdate() > review_round.submit_by:
        problems.append(_("Đã quá hạn gửi hồ sơ của đợt xét (ngày %(day)s).") % {
            "day": review_round.submit_by.strftime("%d/%m/%Y")})
    problem = meeting_problem(nomination)
    if problem:
        problems.append(problem)
    return problems
