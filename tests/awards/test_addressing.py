"""The commendation pages and messages address the user as "bạn", never "anh/chị" or "đồng chí"."""

from __future__ import annotations

import re
from pathlib import Path

import thidua

ROOT = Path(thidua.__file__).parent
OTHER_FORMS = re.compile(r"anh/chị(?!/em)|đồng chí", re.IGNORECASE)


def test_the_awards_ui_says_ban():
    files = [*(ROOT / "awards").rglob("*.html"), *(ROOT / "awards").rglob("*.py"), ROOT / "templates" / "csrf_failure.html"]
    found = [f"{path.relative_to(ROOT)}:{n}" for path in files if "demo" not in path.parts
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if OTHER_FORMS.search(line)]
    assert found == []
