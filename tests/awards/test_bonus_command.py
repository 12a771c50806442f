"""`thidua bonus --form NAME_OR_CODE --recipient ca-nhan|tap-the|ho-gia-dinh --date DD/MM/YYYY [--json]`: the
same function as the decisions, a contract other programs call (its JSON keys), and a non-zero exit with a clear
message for every mistake."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("bonus", *args, stdout=out)
    return out.getvalue()


def test_json_has_exactly_the_contract_keys():
    data = json.loads(_run("--form", "giay-khen-giam-doc-so", "--recipient", "ho-gia-dinh", "--date", "01/07/2025",
                           "--json"))
    assert set(data) == {"amount", "coefficient", "base_salary", "regime", "basis"}
    assert data["amount"] == 1_070_000 and type(data["amount"]) is int
    assert data["coefficient"] == 0.45 and data["base_salary"] == 2_340_000
    assert data["regime"] == "NĐ 152/2025" and data["basis"] == "Nghị định 152/2025/NĐ-CP, Điều 49–54"


@pytest.mark.parametrize("form", ["giay khen giam doc so", "GIẤY KHEN CỦA GIÁM ĐỐC SỞ", "Giấy khen của Giám đốc Sở",
                                  "giay-khen-giam-doc-so"])
def test_the_form_by_its_name_without_accents_or_by_its_code(form):
    data = json.loads(_run("--form", form, "--recipient", "ca-nhan", "--date", "15/12/2023", "--json"))
    assert data == {"amount": 540_000, "coefficient": 0.3, "base_salary": 1_800_000, "regime": "NĐ 91/2017",
                    "basis": "Nghị định 91/2017/NĐ-CP, Điều 66, 68–73"}


def test_the_text_output_names_the_amount_the_coefficient_the_salary_the_regime_and_the_basis():
    text = _run("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "01/07/2024")
    assert "Mức tiền thưởng: 710.000 đồng" in text
    assert "hệ số 0,3 × mức lương cơ sở 2.340.000 đồng (Nghị định 73/2024/NĐ-CP, từ 01/07/2024)" in text
    assert "Chế độ pháp lý: Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 98/2023/NĐ-CP" in text
    assert "Căn cứ: Nghị định 98/2023/NĐ-CP, Điều 54–59" in text
    text = _run("--form", "giay khen giam doc so", "--recipient", "ho-gia-dinh", "--date", "01/07/2025")
    assert "1,5 × mức tiền thưởng cá nhân (hệ số 0,3 × mức lương cơ sở 2.340.000 đồng" in text


@pytest.mark.parametrize("args, message", [
    (("--form", "huy chuong vang", "--recipient", "ca-nhan", "--date", "01/07/2025"),
     "Không có hình thức khen thưởng “huy chuong vang” trong danh mục."),
    (("--form", "lao-dong-tien-tien", "--recipient", "tap-the", "--date", "01/07/2025"),
     "Hình thức “Lao động tiên tiến” không dành cho tập thể"),
    (("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "30/09/2017"),
     "Chưa có chế độ pháp lý nào có hiệu lực ngày 30/09/2017."),
    (("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "31/02/2025"),
     "Ngày 31/02/2025 không có thật: tháng 2 năm 2025 có 28 ngày."),
    (("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "1.7.2025x"),
     "Ngày “1.7.2025x” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm"),
    (("--form", "huan chuong lao dong", "--recipient", "ca-nhan", "--date", "01/07/2025"),
     "“Huân chương Lao động” có nhiều hạng, mỗi hạng một mức tiền thưởng: hãy chọn hạng — Huân chương Lao động "
     "hạng Ba \\(huan-chuong-lao-dong-hang-ba\\)."),
    (("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "2025-07-01"),
     "Ngày “2025-07-01” không hợp lệ"),
    (("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan-x", "--date", "01/07/2025"),
     "Đối tượng “ca-nhan-x” không hợp lệ: hãy ghi ca-nhan"),
    (("--form", "giay-khen-giam-doc-so", "--recipient", "ho-gia-dinh", "--date", "30/06/2025"),
     "chưa có mức tiền thưởng cho hộ gia đình"),
])
def test_mistakes_raise_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


# -- as a program: the exit status ---------------------------------------------------------------------------------

@pytest.fixture
def database_url(tmp_path):
    """A database the child process reads: on SQLite a copy of the test database (its seeded law), on
    PostgreSQL the test database itself."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "bonus.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        copy.executescript("\n".join(connection.connection.iterdump()))
        copy.close()
        return f"sqlite:///{target}"
    user, password = quote(settings["USER"] or "", safe=""), quote(settings["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{settings['NAME']}"


def _program(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE":
           "thidua.settings"}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), "bonus", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_program_exits_zero_with_the_json_and_non_zero_with_the_message(database_url):
    done = _program(database_url, "--form", "giay khen giam doc so", "--recipient", "ca-nhan", "--date",
                    "01/07/2025", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"amount": 710_000, "coefficient": 0.3, "base_salary": 2_340_000,
                                       "regime": "NĐ 152/2025", "basis": "Nghị định 152/2025/NĐ-CP, Điều 49–54"}
    for args, message in [
        (("--form", "khong co", "--recipient", "ca-nhan", "--date", "01/07/2025"), "Không có hình thức khen thưởng"),
        (("--form", "lao-dong-tien-tien", "--recipient", "tap-the", "--date", "01/07/2025"), "không dành cho tập thể"),
        (("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "01/01/2010"),
         "Chưa có chế độ pháp lý nào có hiệu lực ngày 01/01/2010"),
        (("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "1/13/2025"), "không có thật"),
        (("--form", "lao-dong-tien-tien", "--recipient", "ca-nhan", "--date", "2025-07-01"), "không hợp lệ"),
    ]:
        done = _program(database_url, *args)
        assert done.returncode != 0 and message in done.stderr, (args, done.stderr)
        assert done.stdout == ""
