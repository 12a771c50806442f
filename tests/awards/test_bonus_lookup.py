"""The Office's "Tra cứu mức tiền thưởng" page: the same answer as `thidua bonus`, every mistake in Vietnamese."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thidua.movements.models import RewardForm

pytestmark = pytest.mark.django_db

URL = reverse("awards:bonus_lookup")


def _page(world, role: str = "vanphong", **params) -> str:
    client = world.login(Client(), role)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def _form(code: str) -> int:
    return RewardForm.objects.get(code=code).pk


def test_the_form_defaults_to_today_and_lists_the_forms(world):
    page = _page(world)
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in page
    assert "Giấy khen của Giám đốc Sở" in page and "Hộ gia đình" in page and "Tập thể" in page
    assert "bonus-result" not in page


def test_a_household_under_nd152_reads_with_every_figure(world):
    page = _page(world, form=_form("giay-khen-giam-doc-so"), recipient="household", day="01/07/2025")
    result = page.split("bonus-result")[1]
    assert "1.070.000 đồng" in result
    assert "0,45" in result and "1,5 × mức cá nhân, hệ số 0,3" in result
    assert "2.340.000 đồng (Nghị định 73/2024/NĐ-CP, áp dụng từ 01/07/2024)" in result
    assert "Nghị định 152/2025/NĐ-CP và Thông tư 15/2025/TT-BNV" in result
    assert "Nghị định 152/2025/NĐ-CP, Điều 49–54" in result


def test_the_regime_of_the_day_is_chosen(world):
    before = _page(world, form=_form("bang-khen-chu-tich-ubnd-tinh"), recipient="individual", day="31/12/2023")
    after = _page(world, form=_form("bang-khen-chu-tich-ubnd-tinh"), recipient="individual", day="01/01/2024")
    assert "1.800.000 đồng</p>" in before and "Nghị định 91/2017/NĐ-CP, Điều 66, 68–73" in before
    assert "2.700.000 đồng</p>" in after and "Nghị định 98/2023/NĐ-CP, Điều 54–59" in after
    assert '<dd class="col-sm-8 coefficient">1,5' in after


@pytest.mark.parametrize("params, message", [
    ({"recipient": "collective", "day": "01/07/2025", "code": "lao-dong-tien-tien"},
     "Hình thức “Lao động tiên tiến” không dành cho tập thể"),
    ({"recipient": "individual", "day": "30/09/2017", "code": "lao-dong-tien-tien"},
     "Chưa có chế độ pháp lý nào có hiệu lực ngày 30/09/2017."),
    ({"recipient": "individual", "day": "30/06/2019", "code": "lao-dong-tien-tien"},
     "Chưa có mức lương cơ sở áp dụng ngày 30/06/2019."),
    ({"recipient": "household", "day": "30/06/2025", "code": "giay-khen-giam-doc-so"},
     "chưa có mức tiền thưởng cho hộ gia đình nhận “Giấy khen của Giám đốc Sở”"),
    ({"recipient": "collective", "day": "01/07/2025", "code": "co-thi-dua-ubnd-tinh"},
     "chưa có hệ số tiền thưởng của"),
    ({"recipient": "individual", "day": "31/02/2025", "code": "lao-dong-tien-tien"},
     "Ngày 31/02/2025 không có thật: tháng 2 năm 2025 có 28 ngày."),
    ({"recipient": "individual", "day": "hôm qua", "code": "lao-dong-tien-tien"},
     "Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 15/12/2025."),
    ({"recipient": "individual", "day": "01/07/2025", "code": "huan-chuong-lao-dong"},
     "có nhiều hạng, mỗi hạng một mức tiền thưởng: hãy chọn hạng"),
    ({"recipient": "alien", "day": "01/07/2025", "code": "lao-dong-tien-tien"}, "Đối tượng không hợp lệ."),
    ({"recipient": "individual", "day": "01/07/2025", "form": "99999999999999999999"},
     "Hình thức khen thưởng đã chọn không có trong danh mục."),
    ({"recipient": "individual", "day": "01/07/2025", "form": ""}, "Hãy chọn hình thức khen thưởng."),
])
def test_every_mistake_is_said_in_vietnamese(world, params, message):
    params = dict(params)
    code = params.pop("code", None)
    if code:
        params["form"] = _form(code)
    page = _page(world, **params)
    assert message in page
    assert "bonus-result" not in page


def test_the_office_finds_it_and_a_staff_member_does_not(world):
    assert world.login(Client(), "canbo").get(URL).status_code == 403
    assert world.login(Client(), "admin").get(URL).status_code == 200
