"""`thidua bonus` speaks the interface's languages: Vietnamese by default (tests/awards/test_bonus_command.py), English
when that language is active, with the same figures and the same JSON contract."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("bonus", *args, stdout=out)
    return out.getvalue()


def test_the_text_output_in_english():
    with translation.override("en"):
        text = _run("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "01/07/2024")
    assert "Bonus: 710.000 đồng" in text
    assert "Decision date: 01/07/2024" in text
    assert "coefficient 0,3 × base salary 2.340.000 đồng (Nghị định 73/2024/NĐ-CP, from 01/07/2024)" in text
    assert "Mức tiền thưởng" not in text


def test_the_json_keys_do_not_change_with_the_language():
    args = ("--form", "giay-khen-giam-doc-so", "--recipient", "ho-gia-dinh", "--date", "01/07/2025", "--json")
    vietnamese = json.loads(_run(*args))
    with translation.override("en"):
        english = json.loads(_run(*args))
    assert english == vietnamese
    assert set(english) == {"amount", "coefficient", "base_salary", "regime", "basis"}


def test_a_mistake_in_english():
    with translation.override("en"), pytest.raises(CommandError, match="The date 31/02/2025 does not exist: month 2 of 2025 has 28 days."):
        _run("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "31/02/2025")
    with translation.override("en"), pytest.raises(CommandError, match="The recipient “x” is not valid"):
        _run("--form", "lao-dong-tien-tien", "--recipient", "x", "--date", "01/07/2025")
