"""Tests of the Vietnamese diacritics restorer (no database needed)."""

import unicodedata

from thidua.movements.accents import restore
from thidua.movements.accents.evaluate import heldout_docs, score_2679, score_heldout
from thidua.movements.accents.noise import ocr_noise


def test_plain_sentence():
    assert restore("ke hoach thuc hien phong trao thi dua") == "kế hoạch thực hiện phong trào thi đua"


def test_case_is_kept():
    assert restore("KE HOACH") == "KẾ HOẠCH"
    assert restore("Ke hoach thuc hien") == "Kế hoạch thực hiện"


def test_numbers_and_document_numbers_untouched():
    out = restore("Ke hoach so 2679/KH-SGTVT ngay 20/10/2022 cua UBND tinh Cao Bang, giai doan 2021 - 2025")
    assert "2679/KH-SGTVT" in out
    assert "20/10/2022" in out
    assert "2021 - 2025" in out
    assert "UBND" in out
    assert out.startswith("Kế hoạch số 2679/KH-SGTVT ngày 20/10/2022 của UBND")


def test_line_structure_kept():
    src = "I. MUC DICH, YEU CAU\n\n1. Muc dich\n- Day manh cong tac tuyen truyen;\n"
    out = restore(src)
    assert out.count("\n") == src.count("\n")
    assert out.splitlines()[0] == "I. MỤC ĐÍCH, YÊU CẦU"


def test_ocr_noise_corrected():
    assert restore("chinh sach ctia Nha nudc") == "chính sách của Nhà nước"


def test_nfc_output():
    out = restore("Cong hoa xa hoi chu nghia Viet Nam")
    assert out == unicodedata.normalize("NFC", out)
    assert out == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_noise_simulator_is_deterministic():
    text = "Phong trào thi đua “Vì người nghèo”"
    assert ocr_noise(text, seed=3) == ocr_noise(text, seed=3)


def test_heldout_plans_score():
    assert len(heldout_docs()) >= 3
    scores = score_heldout(seeds=(1,))
    mean = sum(scores.values()) / len(scores)
    assert mean >= 0.85, scores
    assert min(scores.values()) >= 0.80, scores


def test_2679_scan_score():
    """The honest score on a plan the restorer was not built from (the speed is in `thidua bench`)."""
    assert score_2679() >= 0.85
