"""`thidua eligibility FILE.json [--json]`: the file and --json contract of issue 11 §3, a readable report, a clear
Vietnamese message naming the candidate and the field for every mistake (non-zero exit), and no database at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thidua.awards.eligibility import evaluate, law
from thidua.awards.eligibility.forms import BY_CODE
from thidua.movements.catalog import DEFAULT_FORMS

from .eligibility_helpers import REGIME_DAYS, candidate

ROOT = Path(__file__).resolve().parents[2]

PM = {"id": "NV-001", "form": "bang khen thu tuong", "recipient": "ca-nhan", "kind": "cong-trang", "year": 2025,
      "decision_date": "2025-11-20", "registered": True,
      "ratings": {"2021": "xuat-sac", "2022": "tot", "2023": "xuat-sac", "2024": "tot", "2025": "xuat-sac"},
      "awards": [{"form": "Bằng khen của Chủ tịch UBND tỉnh", "year": 2020, "kind": "cong-trang", "revoked": False},
                 {"form": "chien-si-thi-dua-co-so", "year": 2021}, {"form": "Chiến sĩ thi đua cơ sở", "year": 2023},
                 {"form": "chien si thi dua co so", "year": 2024}],
      "initiatives": [{"year": 2023, "level": "co-so"}], "discipline": [], "under_investigation": False}
TEAM = {"id": "PHONG-KT", "form": "Tập thể lao động xuất sắc", "recipient": "tap-the", "year": 2025,
        "decision_date": "2025-12-15", "registered": True, "ratings": {"2025": "xuat-sac"},
        "under_investigation": False,
        "members": {"total": 20, "completed": 20, "lao_dong_tien_tien": 15, "chien_si_thi_dua_co_so": 1,
                    "disciplined": 0}}
LDTT = {"id": "NV-002", "form": "lao-dong-tien-tien", "recipient": "ca-nhan", "year": 2024,
        "decision_date": "2024-12-10", "registered": True, "ratings": {"2024": "hoan-thanh"},
        "discipline": [{"level": "khien-trach", "from": "2024-03-01", "to": "2025-02-28"}],
        "under_investigation": False}


def _file(tmp_path, *candidates, raw: str | None = None) -> str:
    path = tmp_path / "ung-vien.json"
    path.write_text(raw if raw is not None else json.dumps({"candidates": list(candidates)}, ensure_ascii=False),
                    encoding="utf-8")
    return str(path)


def _run(path: str, *args: str) -> str:
    import io

    out = io.StringIO()
    call_command("eligibility", path, *args, stdout=out)
    return out.getvalue()


def test_json_output_has_exactly_the_contract_keys(tmp_path):
    data = json.loads(_run(_file(tmp_path, PM, TEAM, LDTT), "--json"))
    assert set(data) == {"results"}
    assert [(r["id"], r["verdict"]) for r in data["results"]] == [
        ("NV-001", "eligible"), ("PHONG-KT", "eligible"), ("NV-002", "not-eligible")]
    for result in data["results"]:
        assert set(result) == {"id", "verdict", "rules"}
        for rule in result["rules"]:
            assert set(rule) == {"rule", "result", "basis", "detail"}
            assert rule["result"] in {"met", "not-met", "unknown", "judge"}
    pm = {r["rule"]: r for r in data["results"][0]["rules"]}
    chain = pm["Khen công trạng: 3 lần Chiến sĩ thi đua cơ sở trong 5 năm"]
    assert chain == {"rule": "Khen công trạng: 3 lần Chiến sĩ thi đua cơ sở trong 5 năm", "result": "met",
                     "basis": "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 73 khoản 1 điểm b — chế độ NĐ 152/2025, "
                              "có hiệu lực từ 01/07/2025",
                     "detail": "Chiến sĩ thi đua cơ sở 2021, 2023, 2024: 3 lần, cần 3 (xét 2021–2025)."}


def test_the_readable_report_in_vietnamese(tmp_path):
    text = _run(_file(tmp_path, PM, LDTT))
    assert "Ứng viên NV-001: Bằng khen của Thủ tướng Chính phủ, cá nhân, khen công trạng — thành tích năm 2025, " \
           "ngày quyết định 20/11/2025" in text
    assert "Kết luận: ĐỦ ĐIỀU KIỆN" in text and "Kết luận: KHÔNG ĐỦ ĐIỀU KIỆN" in text
    assert "[Không đạt] Không trong thời gian bị kỷ luật" in text
    assert "Có kỷ luật khiển trách từ 01/03/2024 đến 28/02/2025" in text
    assert "Chế độ pháp lý: Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định 98/2023/NĐ-CP" in text
    assert "Căn cứ: Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24" in text


def test_absent_lists_are_known_zeros_and_absent_answers_unknown(tmp_path):
    bare = {"id": "X", "form": "lao-dong-tien-tien", "recipient": "ca-nhan", "year": 2025,
            "decision_date": "2025-12-01"}
    rules = {r["rule"]: r for r in json.loads(_run(_file(tmp_path, bare), "--json"))["results"][0]["rules"]}
    assert rules["Không trong thời gian bị kỷ luật"]["result"] == "met"
    assert rules["Đăng ký thi đua"]["result"] == "unknown"
    assert "under_investigation" in rules[
        "Không đang bị điều tra, thanh tra, kiểm tra hoặc có khiếu nại, tố cáo chưa giải quyết"]["detail"]
    assert "ratings.2025" in rules["Tiêu chuẩn danh hiệu: Hoàn thành tốt nhiệm vụ trở lên trong năm"]["detail"]


def _with(base: dict, **changes) -> dict:
    data = {**base, **changes}
    return {k: v for k, v in data.items() if v is not ...}


MISTAKES = [
    ({"raw": "{candidates: ["}, "Tệp không phải JSON hợp lệ"),
    ({"raw": "[1, 2]"}, "danh sách “candidates”"),
    ({"raw": '{"candidates": []}'}, "Danh sách “candidates” trống"),
    ([_with(PM, id=...)], "Ứng viên thứ 1, trường “id”: thiếu trường này."),
    ([_with(PM, id=12)], "Ứng viên thứ 1, trường “id”: hãy ghi mã ứng viên"),
    ([_with(PM, form=...)], "Ứng viên “NV-001” (thứ 1), trường “form”: thiếu trường này."),
    ([_with(PM, form="huy chuong vang")], "trường “form”: không có hình thức khen thưởng “huy chuong vang”"),
    ([_with(PM, form="bang khen")], "trường “form”: “bang khen” ứng với nhiều hình thức"),
    ([_with(PM, form="co-thi-dua-ubnd-tinh", recipient="tap-the")],
     "trường “form”: chưa có quy định xét điều kiện “Cờ thi đua của Ủy ban nhân dân tỉnh” cho tập thể"),
    ([_with(LDTT, recipient="tap-the")],
     "Ứng viên “NV-002” (thứ 1), trường “recipient”: hình thức “Lao động tiên tiến” không dành cho tập thể."),
    ([_with(PM, recipient="to-chuc")], "trường “recipient”: giá trị “to-chuc” không hợp lệ; hãy ghi một trong: "
                                       "ca-nhan, tap-the, ho-gia-dinh."),
    ([_with(PM, kind=...)], "trường “kind”: thiếu trường này."),
    ([_with(PM, kind="thuong-xuyen")], "trường “kind”: giá trị “thuong-xuyen” không hợp lệ"),
    ([_with(PM, year="2025")], "trường “year”: năm “2025” không hợp lệ"),
    ([_with(PM, decision_date="20/11/2025")], "trường “decision_date”: ngày “20/11/2025” không hợp lệ"),
    ([_with(PM, decision_date="2025-02-30")], "trường “decision_date”: ngày “2025-02-30” không hợp lệ"),
    ([_with(PM, decision_date="2024-12-01")], "trường “decision_date”: ngày quyết định 01/12/2024 trước năm thành "
                                              "tích 2025."),
    ([_with(PM, year=2012, decision_date="2012-12-01")],
     "trường “decision_date”: chưa có chế độ pháp lý nào có hiệu lực ngày 01/12/2012."),
    ([_with(PM, registered="yes")], "trường “registered”: hãy ghi true hoặc false"),
    ([_with(PM, ratings={"2024": "gioi"})], "trường “ratings.2024”: giá trị “gioi” không hợp lệ; hãy ghi một trong: "
                                            "xuat-sac, tot, hoan-thanh, khong-hoan-thanh."),
    ([_with(PM, ratings={"nam-nay": "tot"})], "trường “ratings.nam-nay”: “nam-nay” không phải một năm."),
    ([_with(PM, ratings=["tot"])], "trường “ratings”: phải là một đối tượng"),
    ([_with(PM, awards={"form": "x"})], "trường “awards”: phải là một danh sách"),
    ([_with(PM, awards=[{"form": "bang khen tinh ubnd", "year": 2020}])],
     "trường “awards[0].kind”: thiếu trường này."),
    ([_with(PM, awards=[{"form": "giai thuong", "year": 2020, "kind": "cong-trang"}])],
     "trường “awards[0].form”: không có hình thức khen thưởng “giai thuong”"),
    ([_with(PM, awards=[{"form": "lao-dong-tien-tien", "year": 2020, "revoked": "no"}])],
     "trường “awards[0].revoked”: hãy ghi true hoặc false"),
    ([_with(PM, initiatives=[{"year": 2023, "level": "huyen"}])], "trường “initiatives[0].level”: giá trị “huyen”"),
    ([_with(PM, initiatives=[{"level": "co-so"}])], "trường “initiatives[0].year”: thiếu trường này."),
    ([_with(PM, discipline=[{"level": "phe-binh", "from": "2025-01-01"}])], "trường “discipline[0].level”"),
    ([_with(PM, discipline=[{"level": "canh-cao", "from": "2025-03-01", "to": "2025-01-01"}])],
     "trường “discipline[0].to”: ngày kết thúc 01/01/2025 trước ngày bắt đầu 01/03/2025."),
    ([_with(PM, discipline=[{"level": "canh-cao"}])], "trường “discipline[0].from”: thiếu trường này."),
    ([_with(TEAM, members={"total": 20, "lao_dong_tien_tien": 21})],
     "Ứng viên “PHONG-KT” (thứ 1), trường “members.lao_dong_tien_tien”: 21 lớn hơn tổng số thành viên 20."),
    ([_with(TEAM, members={"total": -1})], "trường “members.total”: hãy ghi một số nguyên không âm"),
    ([_with(TEAM, members={"total": 0})], "trường “members.total”: tập thể phải có ít nhất một thành viên."),
    ([_with(PM, under_investigation=1)], "trường “under_investigation”: hãy ghi true hoặc false"),
    (["not an object"], "Ứng viên thứ 1, trường “candidates[0]”: phải là một đối tượng"),
    ([_with(PM, rating={"2025": "tot"})], "Ứng viên “NV-001” (thứ 1), trường “rating”: trường này không có trong "
                                          "định dạng tệp"),
    ([_with(PM, awards=[{"form": "lao-dong-tien-tien", "nam": 2020}])], "trường “awards[0].nam”: trường này không"),
    ([_with(TEAM, members={"total": 20, "ldtt": 15})], "trường “members.ldtt”: trường này không có"),
    ([PM, PM], "Ứng viên “NV-001” (thứ 2), trường “id”: mã “NV-001” trùng với ứng viên thứ 1."),
]


@pytest.mark.parametrize("content, message", MISTAKES, ids=[m for _c, m in MISTAKES])
def test_every_mistake_gets_a_message_naming_the_candidate_and_the_field(tmp_path, content, message):
    path = _file(tmp_path, raw=content["raw"]) if isinstance(content, dict) else _file(tmp_path, *content)
    with pytest.raises(CommandError) as error:
        _run(path, "--json")
    assert message in str(error.value)


def test_every_candidate_in_error_is_named_at_once(tmp_path):
    path = _file(tmp_path, PM, _with(TEAM, year="x"), _with(LDTT, ratings={"2024": "?"}))
    with pytest.raises(CommandError) as error:
        _run(path)
    lines = str(error.value).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Ứng viên “PHONG-KT” (thứ 2), trường “year”")
    assert lines[1].startswith("Ứng viên “NV-002” (thứ 3), trường “ratings.2024”")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        _run(str(tmp_path / "khong-co.json"))


def test_it_runs_without_any_database(tmp_path):
    """The settings point at a database in a folder that does not exist: any query would fail; nothing is created."""
    database = tmp_path / "absent" / "thidua.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite:///{database}",
           "THIDUA_VAR_DIR": str(tmp_path / "var")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    ok = subprocess.run([sys.executable, "-m", "thidua.cli", "eligibility", _file(tmp_path, PM, TEAM), "--json"],
                        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert [r["verdict"] for r in json.loads(ok.stdout)["results"]] == ["eligible", "eligible"]
    bad = subprocess.run([sys.executable, "-m", "thidua.cli", "eligibility", _file(tmp_path, _with(PM, form="x"))],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert bad.returncode != 0 and "trường “form”" in bad.stderr
    assert not database.exists() and not database.parent.exists()


def test_every_form_with_rules_is_in_the_catalogue_code_data_for_its_recipients():
    catalogue = {code for code, *_rest in DEFAULT_FORMS}
    for code, table in law.LAW.items():
        for form, recipient in table:
            assert form in catalogue and recipient in BY_CODE[form].recipients, (code, form, recipient)
            result = evaluate(candidate(form, recipient=recipient, day=REGIME_DAYS[code], registered=None,
                                        under_investigation=None))
            assert result.verdict in {"unknown", "not-eligible"} and result.rules
