"""A contribution identical to an earlier one (same person, amount and day) is saved with a warning
naming the earlier receipts, unless that one was fully reversed."""

from django.urls import reverse

from thidua.fund import services
from thidua.fund.models import Entry

from .conftest import DAY
from .test_views import text_of


def contribute(client, campaign, person, amount="500.000", day="20/10/2023"):
    response = client.post(reverse("fund:contribute", args=[campaign.pk]), {
        "person": person.pk, "amount": amount, "entry_date": day, "method": "cash"}, follow=True)
    assert response.status_code == 200
    return text_of(response)


def test_identical_contributions_are_saved_with_a_warning(world, client, campaign):
    world.login(client, "vanphong")
    an = world.people["canbo"]
    first = contribute(client, campaign, an)
    assert "Đã ghi biên nhận số 1" in first and "Lưu ý" not in first
    second = contribute(client, campaign, an)
    assert "Đã ghi biên nhận số 2/2023/BN-VNN:" in second
    assert ("Lưu ý: đã có khoản ủng hộ cùng người, cùng số tiền, cùng ngày (biên nhận số 1/2023/BN-VNN). "
            "Nếu ghi nhầm, hãy lập bút toán điều chỉnh.") in second
    third = contribute(client, campaign, an)
    assert "Đã ghi biên nhận số 3" in third and "(biên nhận số 1/2023/BN-VNN, 2/2023/BN-VNN)" in third
    assert Entry.objects.filter(kind="contribution").count() == 3
    # another amount, another day or another person: no warning
    assert "Lưu ý" not in contribute(client, campaign, an, amount="300.000")
    assert "Lưu ý" not in contribute(client, campaign, an, day="21/10/2023")
    assert "Lưu ý" not in contribute(client, campaign, world.people["canbo2"])


def test_no_warning_when_the_earlier_one_was_fully_reversed(world, client, campaign, give):
    mistaken = give("canbo", 500_000)
    services.reverse_entry(mistaken, actor=None, reason="Ghi nhầm", entry_date=DAY)
    world.login(client, "vanphong")
    page = contribute(client, campaign, world.people["canbo"])
    assert "Đã ghi biên nhận số 2" in page and "Lưu ý" not in page
