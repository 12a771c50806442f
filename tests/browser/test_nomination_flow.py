"""The unit head proposes a staff member in an open round, builds the dossier (generated report, uploaded
minutes) and sends it; the Office returns it with a reason; the unit sends it again; the Office accepts it. Each
sees where the nomination stands and the returned reason stays in its history."""

import pytest
from django.urls import reverse

from thidua.awards.models import Nomination
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.factories import make_round, pass_meeting
from ..participation.helpers import pdf_bytes
from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_head_sends_a_nomination_the_office_returns_it_then_accepts_it(world, live_server, page, tmp_path):
    seed_catalog()  # an earlier transactional test may have flushed the rows the migrations seeded
    seed_law()
    review_round = make_round(world.agency)
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, base, "truongphong")
    page.goto(base + reverse("awards:round_nominations", args=[review_round.pk]))
    page.get_by_role("link", name="+ Đề nghị mới").click()
    page.get_by_label("Cá nhân (khi đề nghị cho cá nhân)").select_option(label=f"Nguyễn Văn An — {world.transport.name}")
    page.get_by_label("Hình thức, danh hiệu đề nghị").select_option(label="Giấy khen của Giám đốc Sở")
    page.get_by_label("Thành tích (có số liệu cụ thể)").fill("Tham gia 05 hoạt động hỗ trợ 03 hộ nghèo.")
    page.get_by_role("button", name="Lưu").click()
    assert page.locator("#nomination-status").inner_text() == "Đơn vị đang soạn"
    nomination = Nomination.objects.get()
    pass_meeting(nomination, world.people["truongphong"], [world.people["truongphong"], world.people["canbo"]])
    for part in ("Báo cáo thành tích", "Tờ trình đề nghị khen thưởng", "Danh sách đề nghị khen thưởng"):
        page.get_by_role("button", name=f"Tạo {part} (DOCX)").click()
        page.get_by_text("tải về, sửa trong Word").wait_for()
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(pdf_bytes())
    page.get_by_label("Thành phần hồ sơ").select_option(label="Biên bản họp bình xét của đơn vị")
    page.get_by_label("Tệp (PDF, DOCX hoặc ảnh)").set_input_files(str(scan))
    page.get_by_role("button", name="Tải lên").click()
    page.get_by_text("Đã tải lên tệp hồ sơ.").wait_for()
    page.get_by_role("button", name="Gửi Văn phòng").click()
    assert page.locator("#nomination-status").inner_text() == "Đã gửi, chờ Văn phòng kiểm tra"

    page.context.clear_cookies()
    login(page, base, "vanphong")
    page.goto(base + reverse("awards:inbox"))
    page.get_by_role("link", name="Nguyễn Văn An").click()
    page.get_by_label("Lý do trả lại (bắt buộc)").first.fill("Báo cáo chưa có số liệu ủng hộ quỹ")
    page.get_by_role("button", name="Trả lại").first.click()
    assert page.locator("#nomination-status").inner_text() == "Văn phòng trả lại"

    page.context.clear_cookies()
    login(page, base, "truongphong")
    page.goto(base + reverse("awards:nomination", args=[nomination.pk]))
    assert "Báo cáo chưa có số liệu ủng hộ quỹ" in page.locator("#return-reason").inner_text()
    page.get_by_role("button", name="Gửi lại Văn phòng").click()
    assert page.locator("#nomination-status").inner_text() == "Đã gửi, chờ Văn phòng kiểm tra"

    page.context.clear_cookies()
    login(page, base, "vanphong")
    page.goto(base + reverse("awards:nomination", args=[nomination.pk]))
    page.get_by_role("button", name="Hồ sơ hợp lệ").click()
    assert page.locator("#nomination-status").inner_text() == "Hồ sơ hợp lệ, chờ Hội đồng"
    assert "Báo cáo chưa có số liệu ủng hộ quỹ" in page.locator("#nomination-history").inner_text()
