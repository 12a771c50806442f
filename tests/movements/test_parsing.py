"""parse_plan on plan 2679/KH-SGTVT (clean transcription and raw OCR) and on plans of other agencies."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua.core.text import fold
from thidua.movements.extract import extract_text
from thidua.movements.parsing import empty_proposal, fold_keep, okey, parse_plan, proposal_is_empty

from .fixtures.plans import bgtvt_pdf, read, syt_docx

PLANS = Path(__file__).resolve().parents[2] / "thidua" / "movements" / "data"  # the project's copy of plan 2679

KEYS = set(empty_proposal())


def _plan(name: str) -> dict:
    path = PLANS / name
    return parse_plan(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["2679-KH-SGTVT.md", "2679-KH-SGTVT.ocr.txt"], ids=["clean", "ocr"])
def p2679(request) -> dict:
    return _plan(request.param)


def forms(p: dict) -> set[tuple[str, str]]:
    return {(f["name"], f["timing"]) for f in p["reward_forms"]}


# ------------------------------------------------------------------ 2679/KH-SGTVT, clean and OCR


def test_2679_header(p2679):
    assert set(p2679) == KEYS
    assert p2679["number"] == "2679/KH-SGTVT"
    assert p2679["issued_on"] == "2022-10-20"
    assert p2679["place"] == "Cao Bằng"
    assert p2679["issuer"] == "Sở Giao thông vận tải"
    assert p2679["parent_plan"] == "2451/KH-UBND ngày 26/9/2022"
    assert p2679["period"] == [2021, 2025]
    assert fold(p2679["movement_name"]).replace("dee", "de").replace("be lai", "bo lai") == (
        "vi nguoi ngheo - khong de ai bi bo lai phia sau"
    )
    assert "giai doan 2021 - 2025" in fold(p2679["title"])


def test_2679_sections(p2679):
    headings = [s["heading"] for s in p2679["sections"]]
    assert headings[:3] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu"]
    assert "II. NỘI DUNG THI ĐUA, GIẢI PHÁP THỰC HIỆN" in headings  # "I1. NOI DUNG THI PUA" in the OCR
    assert "III. KHEN THƯỞNG" in headings and "IV. TỔ CHỨC THỰC HIỆN" in headings
    assert "5. Tiến độ thực hiện" in headings  # "5. Tién d thuc hién"
    assert len(headings) == 17
    body = {s["heading"]: s["text"] for s in p2679["sections"]}
    assert fold(body["1. Nội dung thi đua"]).startswith("a) tuyen truyen")


def test_2679_content_solutions_subjects_criteria(p2679):
    items = [fold(x) for x in p2679["content_items"]]
    assert len(items) == 4
    assert items[0].startswith("tuyen truyen, van dong cong ch")
    assert items[1].startswith("t") and "chirc trien khai" in items[1] or items[1].startswith("to chuc trien khai")
    assert items[2].startswith("thi dua doan ket giup nhau")
    assert items[3].startswith("tuy theo tinh hinh")
    assert len(p2679["solutions"]) == 4
    assert fold(p2679["solutions"][0]).startswith("tang cuong s")
    assert [fold(s)[:7] for s in p2679["subjects"]] == ["tap the", "ca nhan"]
    assert len(p2679["criteria"]["collective"]) == 3
    assert len(p2679["criteria"]["individual"]) == 1
    assert fold(p2679["criteria"]["individual"][0]).endswith("nhiem vu duoc giao.")


def test_2679_reward_forms(p2679):
    assert forms(p2679) == {
        ("Huân chương Lao động", "sơ kết"), ("Huân chương Lao động", "tổng kết"),
        ("Bằng khen của Thủ tướng Chính phủ", "sơ kết"), ("Bằng khen của Thủ tướng Chính phủ", "tổng kết"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "hằng năm"), ("Bằng khen của Chủ tịch UBND tỉnh", "sơ kết"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "tổng kết"),
        ("Giấy khen của Giám đốc Sở", "hằng năm"), ("Giấy khen của Giám đốc Sở", "sơ kết"),
        ("Giấy khen của Giám đốc Sở", "tổng kết"),
    }


def test_2679_milestones(p2679):
    ms = p2679["milestones"]
    assert [m["year"] for m in ms] == [2022, 2023, 2025, None]
    assert [m["when"] for m in ms] == ["Tháng 10 năm 2022", "Năm 2023", "Năm 2025", "Hằng năm"]
    assert fold(ms[1]["text"]).startswith("t") and "so ket" in fold(ms[1]["text"])
    assert "tong ket" in fold(ms[2]["text"])


def test_2679_responsibilities_recipients_signer(p2679):
    who = [fold(r["who"]) for r in p2679["responsibilities"]]
    assert len(who) == 4
    assert who[0] == "truong cac phong, ban, don vi"
    assert who[3] == "de nghi cac to chuc doan the"
    assert len(p2679["responsibilities"][0]["duties"]) == 2
    rec = [fold(r) for r in p2679["recipients"]]
    assert len(rec) == 8
    assert rec[0].startswith("ban t") and rec[0].endswith("noi vu cao bang")
    assert rec[1] in ("khoi thi dua i", "khei thi dua i")  # "PHO GIAM DOC" of the right column removed
    assert rec[-1].startswith("luu: vt, vp")
    assert p2679["signer"]["title"] == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert fold(p2679["signer"]["name"]) == "le van dinh"


def test_2679_ocr_text_stays_ocr_but_vocabulary_is_restored():
    p = _plan("2679-KH-SGTVT.ocr.txt")
    assert p["content_items"][0].startswith("Tuyén truyén")  # text from the scan is kept as is
    assert p["responsibilities"][1]["who"] == "Vin phong Sé"
    assert p["signer"]["name"] == "Lé Van Dinh"
    headings = [s["heading"] for s in p["sections"]]
    assert "4. Đề nghị các tổ chức đoàn thể" in headings  # "4. Pé nghi cac to chirc doan thé"


# ------------------------------------------------------------------ other plans


@pytest.fixture(scope="module", params=["clean", "ocr"])
def hoaan(request) -> dict:
    name = "hoaan-85-KH-UBND.txt" if request.param == "clean" else "hoaan-85-KH-UBND.ocr.txt"
    return parse_plan(read(name))


def test_district_plan_text_and_noisy_copy(hoaan):
    assert hoaan["number"] == "85/KH-UBND"
    assert hoaan["issued_on"] == "2023-04-05"
    assert fold(hoaan["place"]) == "hoa an"
    assert fold(hoaan["issuer"]) == "uy ban nhan dan huyen hoa an"
    assert hoaan["issuer"].startswith("Ủy ban nhân dân huyện")
    assert hoaan["parent_plan"] == "612/KH-UBND ngày 10/3/2023"  # not the Nghị định in "Căn cứ"
    assert hoaan["period"] == [2023, 2025]
    assert fold(hoaan["movement_name"]) == "chung suc xay dung nong thon moi"
    headings = [s["heading"] for s in hoaan["sections"] if not s["heading"][0].isdigit()]
    assert headings == ["I. MỤC ĐÍCH, YÊU CẦU", "II. ĐỐI TƯỢNG, PHẠM VI", "III. NỘI DUNG THI ĐUA",
                        "IV. TIÊU CHÍ VÀ HÌNH THỨC KHEN THƯỞNG", "V. THỜI GIAN THỰC HIỆN", "VI. TỔ CHỨC THỰC HIỆN"]
    assert len(hoaan["content_items"]) == 4 and fold(hoaan["content_items"][0]).startswith("thi dua day manh")
    assert hoaan["solutions"] == []
    assert len(hoaan["subjects"]) == 3
    assert len(hoaan["criteria"]["collective"]) == 2 and len(hoaan["criteria"]["individual"]) == 2
    assert forms(hoaan) == {
        ("Giấy khen của Chủ tịch UBND huyện", "hằng năm"), ("Giấy khen của Chủ tịch UBND huyện", "tổng kết"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "tổng kết"), ("Cờ thi đua của UBND tỉnh", "tổng kết"),
        ("Giấy khen của Chủ tịch UBND huyện", "đột xuất"),
    }
    assert [(m["when"], m["year"]) for m in hoaan["milestones"]] == [
        ("Quý II năm 2023", 2023), ("Trước ngày 15/6 hằng năm", None), ("Năm 2024", 2024), ("Quý IV/2025", 2025),
    ]
    assert len(hoaan["responsibilities"]) == 4
    assert len(hoaan["recipients"]) == 6 and fold(hoaan["recipients"][0]) == "ubnd tinh (b/c)"
    assert okey(hoaan["recipients"][1]) == "so noi vu (ban tdkt)"  # "S¢ Noi vú" in the scan
    assert hoaan["signer"]["title"] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert fold(hoaan["signer"]["name"]) == "nong thi hanh"


def test_agency_plan_from_docx_with_tables():
    p = parse_plan(extract_text("kh-152-syt.docx", syt_docx()).text)
    assert (p["number"], p["issued_on"], p["place"], p["issuer"]) == ("152/KH-SYT", "2023-03-03", "Lạng Sơn", "Sở Y tế")
    assert p["parent_plan"] == "45/KH-UBND ngày 15/02/2023"
    assert p["period"] == [2023, 2025]
    assert p["movement_name"].startswith("Đổi mới phong cách")
    assert len(p["content_items"]) == 3 and len(p["solutions"]) == 3
    assert [s[:7] for s in p["subjects"]] == ["Tập thể", "Cá nhân"]
    assert len(p["criteria"]["collective"]) == 2 and len(p["criteria"]["individual"]) == 1
    assert forms(p) == {("Giấy khen của Giám đốc Sở", "hằng năm"), ("Bằng khen của Bộ trưởng", "sơ kết"),
                        ("Cờ thi đua của Bộ", "tổng kết")}
    assert [(m["when"], m["year"]) for m in p["milestones"]] == [
        ("Quý II năm 2023", 2023), ("Trước ngày 15/6 hằng năm", None), ("Tháng 12/2024", 2024), ("Quý IV/2025", 2025),
    ]
    assert p["milestones"][0]["text"] == "Phát động phong trào; các đơn vị đăng ký thi đua"
    assert [r["who"] for r in p["responsibilities"]] == ["Văn phòng Sở", "Các đơn vị trực thuộc",
                                                          "Đề nghị Công đoàn ngành Y tế"]
    assert p["recipients"][0] == "Bộ Y tế (b/c)" and len(p["recipients"]) == 5
    assert p["signer"] == {"title": "GIÁM ĐỐC", "name": "Hoàng Văn Phúc"}


def test_ministry_plan_from_pdf():
    p = parse_plan(extract_text("kh-1234.pdf", bgtvt_pdf()).text)
    assert (p["number"], p["issued_on"], p["place"]) == ("1234/KH-BGTVT", "2023-05-15", "Hà Nội")
    assert p["issuer"] == "Bộ Giao thông vận tải"
    assert p["parent_plan"] == "1524/QĐ-TTg ngày 06/12/2022"  # the Nghị định is a legal basis, not a parent
    assert p["period"] == [2023, 2023]
    assert p["movement_name"] == "Đổi mới, sáng tạo, nâng cao chất lượng dịch vụ vận tải hành khách"
    assert p["title"].endswith("hành khách” năm 2023")  # two wrapped PDF lines joined
    assert len(p["content_items"]) == 3 and p["content_items"][0].endswith("trên mọi tuyến đường.")
    assert len(p["solutions"]) == 2
    assert p["criteria"]["collective"][0].startswith("Hoàn thành xuất sắc")
    assert forms(p) == {
        ("Bằng khen của Bộ trưởng", "sơ kết"), ("Bằng khen của Bộ trưởng", "tổng kết"),
        ("Cờ thi đua của Bộ", "tổng kết"), ("Bằng khen của Thủ tướng Chính phủ", "tổng kết"),
        ("Chiến sĩ thi đua cấp bộ", "tổng kết"),
    }
    assert [m["when"] for m in p["milestones"]] == ["Tháng 6/2023", "Tháng 7/2023", "Trước ngày 15/12/2023",
                                                   "Tháng 01/2024"]
    assert [m["year"] for m in p["milestones"]] == [2023, 2023, 2023, 2024]
    assert [r["who"] for r in p["responsibilities"]] == ["Vụ Tổ chức cán bộ", "Vụ Vận tải",
                                                          "Các Cục quản lý chuyên ngành"]
    assert p["signer"] == {"title": "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG", "name": "Trần Quang Vinh"}
    assert len(p["recipients"]) == 5


# ------------------------------------------------------------------ empty and odd input


@pytest.mark.parametrize("text", [
    "",
    "   \n\n ",
    "Kính gửi anh Nam, chiều nay 15h họp giao ban tại phòng họp tầng 2. Ngày 5 tháng 3 năm 2023.",
    "Lorem ipsum dolor sit amet\n1. one\n2. two\n- three",
    "\x00\x01 binary ?? ¢¢¢ ||||",
])
def test_unstructured_text_gives_empty_proposal(text):
    p = parse_plan(text)
    assert set(p) == KEYS
    assert proposal_is_empty(p)


def test_proposal_is_empty():
    assert proposal_is_empty(empty_proposal())
    p = empty_proposal()
    p["signer"]["name"] = "Lê Văn Định"
    assert not proposal_is_empty(p)


def test_body_without_header_still_parsed():
    text = read("hoaan-85-KH-UBND.txt")
    body = text[text.index("I. MỤC ĐÍCH"):]
    p = parse_plan(body)
    assert not proposal_is_empty(p)
    assert p["number"] == "" and p["issued_on"] is None
    assert len(p["content_items"]) == 4
    assert p["signer"]["name"] == "Nông Thị Hạnh"


def test_truncated_plans_never_raise():
    text = read("hoaan-85-KH-UBND.ocr.txt")
    for cut in range(0, len(text), 97):
        p = parse_plan(text[:cut])
        assert set(p) == KEYS


def test_fold_keep_matches_core_fold():
    for s in ["Nguyễn Văn Đức", "KẾ HOẠCH  thực hiện", "Sở Giao thông vận tải tỉnh Cao Bằng"]:
        assert len(fold_keep(s)) == len(s)
        assert " ".join(fold_keep(s).split()) == fold(s)
    assert okey("I1. NOI DUNG THI PUA") == "il. noi dung thi dua"
    assert okey("S6: 2679") == "so: 2679"
