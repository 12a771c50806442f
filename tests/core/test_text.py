import unicodedata

from thidua.core.text import fold, nfc, search_key, search_pattern


def test_fold_strips_marks_and_maps_d_bar():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("ĐẶNG THỊ HỒNG") == "dang thi hong"


def test_fold_of_decomposed_text_equals_fold_of_composed_text():
    composed = "Hoàng Thị Thuỷ"
    decomposed = unicodedata.normalize("NFD", composed)
    assert fold(decomposed) == fold(composed) == "hoang thi thuy"


def test_nfc_composes_text_from_macos_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "  Lương   Văn Hải ")
    assert nfc(decomposed) == "Lương Văn Hải"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_search_pattern_matches_word_starts_only():
    key = search_key("Nguyễn Văn Đức")
    assert search_pattern("nguyen van") in key
    assert search_pattern("Duc") in key
    assert search_pattern("uyen") not in key
