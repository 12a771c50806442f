import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command


def test_export_fund_command_writes_the_whole_ledger(campaign, give, tmp_path, capsys):
    for who in ("canbo", "canbo2", "planning"):
        give(who=who)
    count = 3
    path = tmp_path / "so-quy.xlsx"
    call_command("export_fund", str(campaign.pk), str(path))
    assert f"Đã xuất {count} bút toán" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) > count


def test_export_fund_command_refuses_an_unknown_campaign(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_fund", "999999", str(tmp_path / "x.xlsx"))
