"""The change history shows values as a reader wants them, not as they are stored in the audit row."""

from types import SimpleNamespace

from thidua.core.templatetags.td import change_text, field_label


def event(target_type: str, **changes):
    return SimpleNamespace(target_type=target_type, changes=changes)


def test_amounts_are_shown_in_dong_and_counts_stay_plain():
    e = event("participation.activity", cash_value=[None, 500000], in_kind_value=[1200000, 0])
    assert change_text(e, "cash_value") == "— → 500.000 đ"
    assert change_text(e, "in_kind_value") == "1.200.000 đ → 0 đ"
    assert field_label(e, "cash_value") == "Tiền mặt (đồng)"
    household = event("participation.household", members=[4, 5])
    assert change_text(household, "members") == "4 → 5"


def test_choices_dates_and_lists_read_as_words():
    e = event("participation.activity", kind=["visit_gift", "housing"], held_on=["2025-01-20", "2025-02-03"])
    assert change_text(e, "kind") == "Thăm hỏi, tặng quà → Hỗ trợ nhà ở"
    assert change_text(e, "held_on") == "20/01/2025 → 03/02/2025"
    files = event("participation.activity", **{"minh chứng": [None, ["trao-qua.jpg", "bien-ban.pdf"]]})
    assert change_text(files, "minh chứng") == "— → trao-qua.jpg, bien-ban.pdf"
    assert field_label(files, "minh chứng") == "Minh chứng"


def test_a_change_named_like_a_reverse_relation_is_shown_by_its_name():
    e = event("registrations.registration", entries=[2, 5])  # Registration.entries is a reverse relation
    assert field_label(e, "entries") == "Entries"
    assert change_text(e, "entries") == "2 → 5"
    e = event("registrations.registration", **{"số người đăng ký": [2, 5]})  # as registrations record it
    assert field_label(e, "số người đăng ký") == "Số người đăng ký"
