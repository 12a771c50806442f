"""The issue 10 bench entries: the honour roll pages point at the longest roll, the pages of other areas are listed
only once their URLs exist, and the document runs are skipped with a note while their modules are absent."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from thidua.site.bench import awards, runner

from .test_honour import YEAR, roll  # noqa: F401 (the fixture)


def exists(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch as exc:
        return "arguments" in str(exc)
    return True


@pytest.mark.django_db
def test_the_honour_pages_point_at_the_longest_roll_and_answer(roll, world):  # noqa: F811
    pages = {page.name: page for page in awards.pages()}
    assert {"awards_honour_index", "awards_honour_roll", "awards_honour_roll_largest"} <= set(pages)
    assert pages["awards_honour_roll_largest"].url() == reverse("awards:honour_roll", args=[roll.pk, YEAR])
    for name in ("awards_honour_index", "awards_honour_roll_largest"):
        assert pages[name].username is None
        assert Client().get(pages[name].url()).status_code == 200
    # the history's pages are listed when (and only when) their URLs are in the project
    assert ("awards_history_search" in pages) == exists("awards:history")
    assert ("awards_my_awards" in pages) == exists("awards:my_awards")
    names = [page.name for page in runner.all_pages()]
    assert len(names) == len(set(names))


@pytest.mark.django_db
def test_the_document_runs_are_skipped_while_their_modules_are_absent(tmp_path: Path):
    results = runner._document_benchmarks(tmp_path, lambda *a: None)
    assert set(results) == {"decision_docx", "decision_pdf", "certificates_pdf"}
    for key, module, *_rest in runner.DOCUMENT_RUNS:
        if importlib.util.find_spec(module) is None:
            assert "skipped" in results[key]
