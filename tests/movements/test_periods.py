import datetime as dt

import pytest

from thidua.movements.periods import PeriodError, parse_when

D = dt.date


@pytest.mark.parametrize(
    "text,expected",
    [
        ("20/10/2022", (D(2022, 10, 20), D(2022, 10, 20))),
        ("ngày 20 tháng 10 năm 2022", (D(2022, 10, 20), D(2022, 10, 20))),
        ("ngay 20 thang 10 nam 2022", (D(2022, 10, 20), D(2022, 10, 20))),
        ("tháng 10/2022", (D(2022, 10, 1), D(2022, 10, 31))),
        ("Tháng 2 năm 2024", (D(2024, 2, 1), D(2024, 2, 29))),
        ("Quý IV/2025", (D(2025, 10, 1), D(2025, 12, 31))),
        ("Quý II năm 2023", (D(2023, 4, 1), D(2023, 6, 30))),
        ("quy 1/2024", (D(2024, 1, 1), D(2024, 3, 31))),
        ("Năm 2023", (D(2023, 1, 1), D(2023, 12, 31))),
        ("2021 - 2025", (D(2021, 1, 1), D(2025, 12, 31))),
        ("6 tháng đầu năm 2024", (D(2024, 1, 1), D(2024, 6, 30))),
        ("trước ngày 15/6/2023", (D(2023, 6, 15), D(2023, 6, 15))),
    ],
)
def test_plans_ways_of_writing_time_are_understood(text, expected):
    assert parse_when(text) == expected


def test_a_deadline_without_year_takes_the_default_year():
    assert parse_when("trước ngày 15/6", default_year=2023) == (D(2023, 6, 15), D(2023, 6, 15))


@pytest.mark.parametrize(
    "text,message",
    [
        ("31/02/2023", "không tồn tại"),
        ("2025 - 2021", "trước năm bắt đầu"),
        ("sớm nhất có thể", "Không hiểu thời gian"),
        ("trước ngày 15/6", "Thiếu năm"),
        ("", "Chưa ghi"),
    ],
)
def test_unclear_time_gets_a_vietnamese_message(text, message):
    with pytest.raises(PeriodError) as exc:
        parse_when(text)
    assert message in str(exc.value)
