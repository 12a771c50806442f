"""The regimes page: every regime's figures with "chưa xác nhận" beside the unconfirmed ones, the regime in force
today marked, the base salaries; read by the Office of any agency and the administrator only."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thidua.awards.models import LegalRegime

from .law_helpers import regime

pytestmark = pytest.mark.django_db

URL = "/khen-thuong/che-do-phap-ly/"


def page(world, role: str = "vanphong") -> str:
    response = world.login(Client(), role).get(URL)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, code: str) -> str:
    pk = regime(code).pk
    return html.split(f'id="che-do-{pk}"', 1)[1].split("</section>", 1)[0]


def row(html: str, form: str, recipient: str = "individual") -> str:
    return html.split(f'data-form="{form}" data-recipient="{recipient}"', 1)[1].split("</tr>", 1)[0]


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def test_the_url_is_the_law_page():
    assert reverse("awards:law") == URL


def test_the_office_reads_every_regime_with_its_validity_articles_and_bases(world):
    html = page(world)
    nd91, nd98, nd152 = (section(html, c) for c in ("nd-91-2017", "nd-98-2023", "nd-152-2025"))
    assert "từ 01/10/2017 đến 31/12/2023" in text(nd91)
    assert "từ 01/01/2024 đến 30/06/2025" in text(nd98)
    assert "từ 01/07/2025 (chưa có văn bản thay thế)" in text(nd152)
    assert "Điều 54–59" in nd98
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023" in nd98
    assert "Căn cứ Thông tư số 15/2025/TT-BNV" in nd152
    assert "Điều 60 khoản 3" in nd152 and "chưa xác nhận" in nd152.split("Quy định chuyển tiếp")[1].split("</dd>")[0]


def test_each_form_shows_its_coefficient_ballot_threshold_and_template(world):
    html = page(world)
    nd91, nd98, nd152 = (section(html, c) for c in ("nd-91-2017", "nd-98-2023", "nd-152-2025"))
    assert "1,0" in text(row(nd91, "bang-khen-chu-tich-ubnd-tinh"))
    provincial = text(row(nd98, "bang-khen-chu-tich-ubnd-tinh"))
    assert "1,5" in provincial and "chưa xác nhận" not in provincial.split("Không bắt buộc")[0]
    assert "chưa xác nhận" in text(row(nd98, "bang-khen-chu-tich-ubnd-tinh", "collective")).split("Không bắt buộc")[0]
    cstd98 = text(row(nd98, "chien-si-thi-dua-co-so"))
    assert "Bắt buộc" in cstd98 and "≥ 80% tổng số thành viên Hội đồng" in cstd98
    assert "≥ 80% tổng số thành viên Hội đồng chưa xác nhận" not in cstd98  # confirmed in NĐ 98
    assert "≥ 80% tổng số thành viên Hội đồng chưa xác nhận" in text(row(nd152, "chien-si-thi-dua-co-so"))
    assert "quá bán số thành viên có mặt" in text(row(nd98, "giay-khen-giam-doc-so"))
    assert "1,5 × mức cá nhân" in text(row(nd152, "bang-khen-chu-tich-ubnd-tinh", "household"))
    assert "Mẫu báo cáo thành tích cá nhân" in text(row(nd98, "giay-khen-giam-doc-so"))
    assert "≤ 15% số đạt Lao động tiên tiến" in text(row(nd91, "chien-si-thi-dua-co-so"))


def test_the_dossier_components_are_listed_by_stage(world):
    nd98 = text(section(page(world), "nd-98-2023"))
    assert "Cần có khi đơn vị gửi Văn phòng:" in nd98 and "Tờ trình đề nghị khen thưởng" in nd98
    assert "Giấy chứng nhận sáng kiến, đề tài — chỉ cho Chiến sĩ thi đua cơ sở" in nd98
    assert "Cần có khi trình quyết định hoặc đề nghị cấp trên: Biên bản họp Hội đồng" in nd98


def test_the_regime_in_force_today_and_the_base_salary_in_force_are_marked(world):
    html = page(world)
    today = timezone.localdate()
    current = LegalRegime.objects.filter(valid_from__lte=today).order_by("-valid_from").first()
    assert "Đang có hiệu lực" in section(html, current.code)
    assert html.count("Đang có hiệu lực") == 1
    salaries = html.split('id="luong-co-so"', 1)[1]
    assert "2.340.000 đ" in salaries and "1.490.000 đ" in salaries and "Nghị định 73/2024/NĐ-CP" in salaries
    assert text(salaries).count("Đang áp dụng") == 1
    assert "01/07/2024 Đang áp dụng" in text(salaries)


def test_the_page_stacks_its_tables_on_a_phone(world):
    html = page(world)
    assert 'class="table table-sm table-stack form-rules' in html
    assert 'data-label="Ngưỡng đồng ý"' in html and 'data-label="Mức lương cơ sở (đồng/tháng)"' in html


def test_the_office_sees_no_change_buttons_and_the_administrator_does(world):
    assert "Thêm chế độ mới" not in page(world, "vanphong")
    admin = page(world, "admin")
    assert "Thêm chế độ mới" in admin and "Thêm mức lương cơ sở" in admin


@pytest.mark.parametrize("role", ["admin", "vanphong", "vanphong_khac"])
def test_the_office_of_any_agency_and_the_administrator_read_the_page(world, role):
    assert "NĐ 152/2025" in page(world, role)


@pytest.mark.parametrize("role", ["truongphong", "canbo", "giamdoc", "hoidong", "congdoan", "tinh"])
def test_other_roles_are_refused(world, role):
    assert world.login(Client(), role).get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_login():
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_page_reads_the_same_number_of_queries_with_more_regimes(world, django_assert_num_queries):
    client = world.login(Client(), "vanphong")
    client.get(URL)  # the session and the scope, read once
    with django_assert_num_queries(_count(client)):
        client.get(URL)
    source = regime("nd-152-2025")
    from thidua.awards import law_changes

    law_changes.add_regime(actor=None, copy_from=source, name="Nghị định mới", short_name="NĐ 1/2027",
                           valid_from=dt.date(2027, 1, 1), valid_to=None)
    with django_assert_num_queries(_count(client)):
        client.get(URL)


def _count(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(URL)
    return len(ctx.captured_queries)
