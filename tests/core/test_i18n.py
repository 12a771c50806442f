"""English as a second language: the switch in the footer, English pages, and the committed catalogue.

Vietnamese is the source language (the msgids); thidua/locale/en/LC_MESSAGES/django.po holds the English and
the committed django.mo must be its compiled form, so that a machine without the gettext tools serves English.
After changing a translatable string: ``cd thidua && python ../manage.py makemessages -l en --no-obsolete``,
fill in the new msgstr entries, then ``python ../manage.py compilemessages -l en`` and commit both files.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from thidua.movements import services
from thidua.movements.enums import MovementKind

from ..factories import SIGNED_PLAN

PACKAGE = Path(__file__).resolve().parents[2] / "thidua"
CATALOGUE = PACKAGE / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture(autouse=True)
def _vietnamese_afterwards():
    """A request in English leaves English active in this thread; later tests expect the default language."""
    yield
    translation.deactivate()


def switch(client, language: str, next_url: str = "/"):
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    return response


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_login_page_switches_to_english_and_back(client):
    vietnamese = page(client, reverse("login"))
    assert 'action="/ngon-ngu/"' in vietnamese and ">English</option>" in vietnamese
    switch(client, "en", reverse("login"))
    english = page(client, reverse("login"))
    assert '<html lang="en">' in english
    for label in ("Sign in", "Username", "Password", "Forgot your password?",
                  "Emulation and commendation management system"):
        assert label in english
    for label in ("Tên đăng nhập", "Mật khẩu", "Quên mật khẩu?", "Hệ thống quản lý thi đua"):
        assert label not in english
    assert '<option value="en" lang="en" selected>English</option>' in english
    switch(client, "vi", reverse("login"))
    again = page(client, reverse("login"))
    assert "Tên đăng nhập" in again and "Quên mật khẩu?" in again
    assert "Username" not in again and "Forgot your password?" not in again


def test_secretariat_pages_in_english_and_back(world, client):
    services.create_movement(
        **SIGNED_PLAN, actor=world.users["vanphong"], agency=world.agency, code="vi-nguoi-ngheo-2021-2025",
        name="Phong trào thi đua “Vì người nghèo”", kind=MovementKind.THEMATIC, start_year=2021, end_year=2025,
    )
    world.login(client, "vanphong")
    people, tree, movements = reverse("org:people"), reverse("org:tree"), reverse("movements:list")
    switch(client, "en", people)

    html = page(client, people)
    for label in ("Officials, civil servants and public employees", "Search by name", "Full name",
                  "Date of birth", "+ Add staff member", "Civil servant", ">Staff</a>", ">Movements</a>"):
        assert label in html
    for label in ("Họ và tên", "Tìm theo tên", "Ngày sinh", "Thêm cán bộ", "Công chức<"):
        assert label not in html
    assert "Hoàng Thị Thu" in html  # names are data, never translated

    html = page(client, tree)
    for label in ("Organisational structure", "+ Add unit", "Show inactive units too", "Provincial department or agency",
                  "Division or section"):
        assert label in html
    for label in ("Cơ cấu tổ chức", "Thêm đơn vị", "Sở, ban, ngành", "Phòng, ban chuyên môn"):
        assert label not in html

    html = page(client, movements)
    for label in ("Emulation movements", "+ New movement", "Import from a plan document", "Period", "Draft"):
        assert label in html
    for label in ("Tạo phong trào", "Giai đoạn", "Dự thảo", "Trạng thái"):
        assert label not in html
    assert "Phong trào thi đua “Vì người nghèo”" in html

    switch(client, "vi", movements)
    assert "Cán bộ, công chức, viên chức" in page(client, people)
    assert "Cơ cấu tổ chức" in page(client, tree)
    html = page(client, movements)
    assert "+ Tạo phong trào" in html and "Dự thảo" in html
    assert "New movement" not in html and "Draft" not in html


def test_english_flash_messages_and_form_errors(world, client):
    world.login(client, "vanphong")
    switch(client, "en")
    response = client.post(reverse("movements:create"), {
        "code": "sai-nam", "name": "Sai năm", "kind": "regular", "start_year": 2026, "end_year": 2024,
        "agency": world.agency.pk,
    })
    assert "The end year (2024) cannot be before the start year (2026)." in response.content.decode()
    response = client.post(reverse("org:unit_deactivate", args=[world.union.pk]), follow=True)
    assert "Unit “Công đoàn cơ sở Sở GTVT” has been deactivated; its history is kept intact." in (
        response.content.decode())


def test_plan_document_stays_vietnamese_when_the_ui_is_english(world, client):
    movement = services.create_movement(
        **SIGNED_PLAN, actor=world.users["vanphong"], agency=world.agency, code="vi-nguoi-ngheo-2021-2025",
        name="Phong trào thi đua “Vì người nghèo”", kind=MovementKind.THEMATIC, start_year=2021, end_year=2025,
    )
    movement.subjects.create(kind="collective", text="Các phòng, ban, đơn vị")
    world.login(client, "vanphong")
    switch(client, "en")
    response = client.get(reverse("movements:export", args=[movement.pk, "docx"]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Tập thể: Các phòng, ban, đơn vị" in text
    assert "Collective" not in text


# --- the catalogue ---------------------------------------------------------------------------------------------


def _unquote(line: str) -> str:
    return ast.literal_eval(line)  # a PO string is a valid Python string literal (\" \\ \n \t)


def parse_po(path: Path) -> list[dict]:
    """The entries of a PO file: msgctxt, msgid, msgid_plural, msgstr / msgstr[N], and flags."""
    entries, entry, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += _unquote(line)
        else:
            key, value = line.split(" ", 1)
            entry[key] = _unquote(value)
    return entries


@pytest.fixture(scope="module")
def po_entries():
    return [e for e in parse_po(CATALOGUE / "django.po") if e.get("msgid")]


def test_english_catalogue_is_complete_and_the_committed_mo_matches_it(po_entries):
    assert len(po_entries) > 500
    with (CATALOGUE / "django.mo").open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    assert mo.info()["language"] == "en"
    for e in po_entries:
        label = f"{e.get('msgctxt', '')}|{e['msgid']}"
        assert "fuzzy" not in e["flags"], f"fuzzy entry in django.po: {label}"
        ctx = e.get("msgctxt")
        if "msgid_plural" in e:
            singular, plural = e["msgstr[0]"], e["msgstr[1]"]
            assert singular and plural, f"untranslated: {label}"
            for n, expected in ((1, singular), (2, plural)):
                got = (mo.npgettext(ctx, e["msgid"], e["msgid_plural"], n) if ctx
                       else mo.ngettext(e["msgid"], e["msgid_plural"], n))
                assert got == expected, f"django.mo is stale for {label}: run compilemessages"
        else:
            assert e["msgstr"], f"untranslated: {label}"
            got = mo.pgettext(ctx, e["msgid"]) if ctx else mo.gettext(e["msgid"])
            assert got == e["msgstr"], f"django.mo is stale for {label}: run compilemessages"
    keys = {(e.get("msgctxt"), e["msgid"]) for e in po_entries}
    stale = []
    for key in mo._catalog:  # noqa: SLF001 - the compiled catalogue itself
        msgid = key[0] if isinstance(key, tuple) else key  # plural forms are keyed (msgid, index)
        context, _, msgid = msgid.rpartition("\x04")
        if msgid and (context or None, msgid) not in keys:
            stale.append(msgid)
    assert not stale, f"django.mo has entries that django.po no longer has: {stale[:5]}"


def _template_messages(path: Path):
    """(context, msgid) of every translatable string of a template, as makemessages sees it."""
    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in re.finditer(r"(?<![\w.])(_|gettext|pgettext|ngettext|npgettext)\((?:[^()'\"]|'(?:\\.|[^'\\])*'|"
                             r"\"(?:\\.|[^\"\\])*\"|\([^()]*\))*\)", text):
        call = ast.parse(match.group(0)).body[0].value
        args = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        name = call.func.id
        if name in ("_", "gettext"):
            yield None, args[0]
        elif name == "pgettext":
            yield args[0], args[1]
        elif name == "ngettext":
            yield None, args[0]
        else:
            yield args[0], args[1]


_PY_FUNCS = {"_": 0, "gettext": 0, "gettext_lazy": 0, "ngettext": 0, "ngettext_lazy": 0,
             "pgettext": 1, "pgettext_lazy": 1, "npgettext": 1, "npgettext_lazy": 1}


def _python_messages(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _PY_FUNCS:
            args = node.args
            index = _PY_FUNCS[node.func.id]
            if len(args) > index and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                          for a in args[: index + 1]):
                yield (args[0].value if index else None), args[index].value


def test_every_translatable_string_has_english(po_entries):
    translated = {(e.get("msgctxt"), e["msgid"]) for e in po_entries
                  if e.get("msgstr") or e.get("msgstr[0]")}
    found = set()
    for path in PACKAGE.rglob("*"):
        if "locale" in path.parts or "static" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            found |= set(_python_messages(path))
        elif path.suffix in {".html", ".txt"} and "templates" in path.parts:
            found |= set(_template_messages(path))
    assert len(found) > 500
    missing = sorted(found - translated, key=str)
    assert not missing, (
        f"{len(missing)} translatable strings have no English yet, e.g. {missing[:5]}; run makemessages -l en, "
        "translate them in thidua/locale/en/LC_MESSAGES/django.po and run compilemessages"
    )


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client):
    page = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Tên đăng nhập" in page
