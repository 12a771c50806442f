import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

DATA = Path(settings.BASE_DIR) / "movements" / "data"


def test_import_plan_json_on_the_2679_scan(capsys):
    call_command("import_plan", str(DATA / "2679-KH-SGTVT.ocr.txt"), "--json")
    proposal = json.loads(capsys.readouterr().out)
    assert set(proposal) >= {
        "number", "issued_on", "place", "issuer", "parent_plan", "title", "movement_name", "period", "sections",
        "content_items", "solutions", "subjects", "criteria", "reward_forms", "milestones", "responsibilities",
        "recipients", "signer",
    }
    assert proposal["number"] == "2679/KH-SGTVT"
    assert proposal["issued_on"] == "2022-10-20"
    assert proposal["period"] == [2021, 2025]
    assert proposal["movement_name"] == "Vì người nghèo - Không để ai bị bỏ lại phía sau"
    assert len(proposal["content_items"]) == 4
    assert proposal["signer"]["title"].startswith("KT. GIÁM ĐỐC")


def test_import_plan_refuses_a_file_it_cannot_read(tmp_path):
    fake = tmp_path / "ke-hoach.docx"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(CommandError):
        call_command("import_plan", str(fake), "--json")


def test_restore_accents_prints_accented_text(capsys):
    call_command("restore_accents", str(DATA / "2679-KH-SGTVT.ocr.txt"))
    out = capsys.readouterr().out
    assert "KẾ HOẠCH" in out and "Phong trào thi đua" in out
