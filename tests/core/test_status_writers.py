"""Every workflow's status has one writer, its transition function (design.md "Habits"): no other code assigns a
`status` or updates it in bulk. A new writer is either a new edge through that function or, when it truly is
one, listed here with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "thidua"

WRITERS = {
    ("core/importflow.py", "move"): "the import batch's transition function",
    ("movements/services.py", "move_movement"): "the movement's transition function",
    ("movements/services.py", "clone_movement"): "a copy of a plan starts as a draft",
    ("movements/views.py", "_timeline"): "a milestone's state for the page, computed from its dates, never saved",
    ("participation/registrations/services.py", "move"): "the registration's transition function",
    ("fund/services.py", "move_campaign"): "the fund campaign's transition function",
    ("core/jobs.py", "_move"): "the job's transition function: a compare-and-set along JOB_FLOW",
    ("awards/services.py", "move_round"): "the review round's transition function",
    ("awards/services.py", "move_nomination"): "the nomination's transition function",
    ("awards/services.py", "move_session"): "the Council session's transition function",
    ("awards/services.py", "_move_decision"): "the decision's transition function (the transaction inside "
                                               "move_decision, which signs the published PDF before it)",
    ("awards/services.py", "move_proposal"): "the proposal's transition function",
    ("awards/public_comment.py", "move_window"): "the public-comment window's transition function",
}


def _status_writes() -> set[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                assigns = isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "status" for t in node.targets)
                updates = (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                           and node.func.attr == "update" and any(k.arg == "status" for k in node.keywords))
                if assigns or updates:
                    found.add((str(path.relative_to(PACKAGE)), function.name))
    return found


def test_only_the_transition_functions_write_a_status():
    unexpected = _status_writes() - WRITERS.keys()
    assert not unexpected, f"a status written outside its workflow's transition function: {sorted(unexpected)}"


def test_the_list_names_only_writers_that_exist():
    assert WRITERS.keys() <= _status_writes()
