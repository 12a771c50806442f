import pytest
from django.core.exceptions import ValidationError

from thidua.core.money import amount_in_words, format_money, number_to_words, parse_money


@pytest.mark.parametrize("text", ["1.000.000", "1 000 000", "1.000.000 đ", "1000000", "1.000.000đ",
                                  "1\u00a0000\u00a0000", " 1.000.000 đồng ", "1.000.000 VNĐ", "+1000000"])
def test_vietnamese_ways_of_writing_one_million_are_understood(text):
    assert parse_money(text) == 1_000_000


def test_small_amounts_and_ints_pass():
    assert parse_money("500") == 500
    assert parse_money("50.000") == 50_000
    assert parse_money(250_000) == 250_000


@pytest.mark.parametrize("text, words", [
    ("1,5", "phần lẻ"), ("1.000,50", "phần lẻ"), ("-5", "âm"), ("−5", "âm"), ("abc", "không phải là số tiền"),
    ("", "chưa nhập"), ("0", "lớn hơn 0"), ("1.00.000", "nhóm ba chữ số"), ("1.5", "nhóm ba chữ số"),
    ("10000000000000", "quá lớn"), ("12a", "không phải là số tiền"),
])
def test_bad_amounts_are_refused_with_a_vietnamese_message(text, words):
    with pytest.raises(ValidationError) as exc:
        parse_money(text)
    assert words in exc.value.messages[0]
    assert exc.value.messages[0].startswith("Số tiền")


def test_the_message_names_the_field():
    with pytest.raises(ValidationError) as exc:
        parse_money("abc", field="Dòng Nguyễn Văn An")
    assert exc.value.messages[0].startswith("Dòng Nguyễn Văn An:")


def test_amounts_are_displayed_with_dots_and_the_dong_sign():
    assert format_money(1_000_000) == "1.000.000 đ"
    assert format_money(500) == "500 đ"
    assert format_money(0) == "0 đ"
    assert format_money(-25_000) == "-25.000 đ"


@pytest.mark.parametrize("n, words", [
    (0, "không"), (1, "một"), (5, "năm"), (10, "mười"), (11, "mười một"), (15, "mười lăm"), (20, "hai mươi"),
    (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"), (100, "một trăm"), (101, "một trăm linh một"),
    (105, "một trăm linh năm"), (110, "một trăm mười"), (115, "một trăm mười lăm"), (1000, "một nghìn"),
    (1005, "một nghìn không trăm linh năm"), (1050, "một nghìn không trăm năm mươi"), (2024, "hai nghìn không trăm hai mươi tư"),
    (10_000, "mười nghìn"), (110_000, "một trăm mười nghìn"), (250_000, "hai trăm năm mươi nghìn"),
    (1_000_000, "một triệu"), (1_000_005, "một triệu không trăm linh năm"),
    (1_250_000, "một triệu hai trăm năm mươi nghìn"), (15_500_000, "mười lăm triệu năm trăm nghìn"),
    (1_000_000_000, "một tỷ"), (2_005_500_000, "hai tỷ không trăm linh năm triệu năm trăm nghìn"), (2_000_500_000, "hai tỷ năm trăm nghìn"),
    (1_000_000_000_000, "một nghìn tỷ"), (1_000_000_001, "một tỷ không trăm linh một"),
    (981_345_678, "chín trăm tám mươi mốt triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám"),
])
def test_numbers_are_read_in_vietnamese(n, words):
    assert number_to_words(n) == words


def test_the_amount_in_words_starts_with_a_capital_and_ends_with_dong():
    assert amount_in_words(1_000_000) == "Một triệu đồng"
    assert amount_in_words(1_500_000) == "Một triệu năm trăm nghìn đồng"
