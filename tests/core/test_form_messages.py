"""Every form of the project, filled with bad input, answers in Vietnamese: no English from Django's own
validators, no "Nhập một số tổng thể", no raw database limit such as 9223372036854775807 — and changes nothing.

The walk: every URL of the project (the access-rule guard's samples), opened by each role; every POST form on
the page, sent three times (all empty; too long, too big and wrong types; impossible dates and choices)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client

from thidua.core.models import AuditEvent
from thidua.movements.forms import PARTS

from ..test_access_rules import ALL_URLS, sample_kwargs, url_for

ROLES = ["vanphong", "truongphong", "congdoan", "admin"]
#: views that change the session or the language rather than data
SKIP = {"logout", "set_language", "login", "password_reset", "password_reset_confirm"}
RAW_LIMITS = ("9223372036854775807", "2147483647", "32767")
ENGLISH = re.compile(r"\b(this|the|field|value|enter|ensure|valid|select|choice|required|characters?|number|"
                     r"date|order|delete|must|format|submitted|file|please)\b", re.IGNORECASE)


class Forms(HTMLParser):
    """The POST forms of a page: action and fields (name → kind, value, options)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and a.get("name") and tag in ("input", "textarea", "select"):
            kind = a.get("type", "text") if tag == "input" else tag
            if a.get("inputmode") in ("numeric", "decimal"):
                kind = "number"
            self._form["fields"][a["name"]] = {"kind": kind, "value": a.get("value", ""), "options": []}
            self._select = self._form["fields"][a["name"]] if tag == "select" else None
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


class Messages(HTMLParser):
    """The text of the page's messages and labels: error lists, alerts, invalid-feedback, labels."""

    CLASSES = ("invalid-feedback", "alert", "errorlist", "form-text")

    def __init__(self):
        super().__init__()
        self.depth, self.texts, self._stack = 0, [], []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        hit = tag == "label" or any(c in self.CLASSES for c in classes)
        self._stack.append(hit)
        self.depth += hit

    def handle_endtag(self, tag):
        if self._stack:
            self.depth -= self._stack.pop()

    def handle_data(self, data):
        if self.depth > 0 and data.strip():
            self.texts.append(data.strip())


def bad_payloads(fields: dict) -> list[dict]:
    """Three bad fillings of one form; hidden fields keep their values (they say what the form is for)."""
    empty, wrong, impossible = {}, {}, {}
    for name, f in fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        kind = f["kind"]
        if kind in ("hidden", "submit"):
            empty[name] = wrong[name] = impossible[name] = f["value"]
            continue
        if kind == "file":
            continue
        empty[name] = ""
        if kind == "select":
            wrong[name] = "999999"  # ids beyond SQLite's integers are the range guard's matter
            impossible[name] = "khong-co-lua-chon"
        elif kind == "checkbox":
            wrong[name] = impossible[name] = "on"
        elif kind == "number":
            wrong[name] = "99999999999999999999"
            impossible[name] = "-1,5"
        elif kind == "date" or "date" in name or name.endswith("_on"):
            wrong[name] = "2026-13-45"
            impossible[name] = "31/02/2026"
        else:
            wrong[name] = "x" * 5000
            impossible[name] = "99999999999999999999"
    return [empty, wrong, impossible]


def problems(html: str) -> list[str]:
    found = [f"giới hạn thô {limit}" for limit in RAW_LIMITS if limit in html]
    if "Nhập một số tổng thể" in html:
        found.append("Nhập một số tổng thể")
    parser = Messages()
    parser.feed(html)
    found += [f"tiếng Anh: {text!r}" for text in parser.texts if ENGLISH.search(text)]
    return found


@pytest.mark.django_db
def test_every_form_answers_bad_input_in_vietnamese_and_changes_nothing(world):
    samples = sample_kwargs(world)
    findings, sent = [], 0
    for role in ROLES:
        client = Client(raise_request_exception=False)
        client.force_login(world.users[role])
        for name, pattern in ALL_URLS:
            if name.split(":")[-1] in SKIP:
                continue
            kinds = PARTS if name == "movements:part_add" else [None]  # every part of a plan has its form
            for kind in kinds:
                url = url_for(name, pattern, samples | ({"kind": kind} if kind else {}))
                findings, sent = walk_page(client, role, url, findings, sent)
    assert sent > 100
    assert not findings, "\n".join(sorted(set(findings)))


def walk_page(client, role: str, url: str, findings: list[str], sent: int) -> tuple[list[str], int]:
    """Send every POST form of the page at `url` with each bad filling; collect what a user should not read."""
    page = client.get(url)
    if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
        return findings, sent
    parser = Forms()
    parser.feed(page.content.decode())
    for form in parser.forms:
        action = form["action"] or url
        if any(skip in action for skip in ("/dang-xuat", "/ngon-ngu")):
            continue
        for payload in bad_payloads(form["fields"]):
            events = AuditEvent.objects.count()
            with transaction.atomic():
                response = client.post(action, payload)
                sent += 1
                if response.status_code == 200:  # the form again, with its messages: nothing was written
                    findings += [f"{role} {action}: {p}" for p in problems(response.content.decode())]
                    assert AuditEvent.objects.count() == events, f"{role} {action} {payload}: đã ghi"
                transaction.set_rollback(True)
    return findings, sent
