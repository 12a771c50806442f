"""The whole path in the browser, from the unit's draft to the Council's result: the unit head proposes a staff
member in an open round, builds the dossier (generated report, uploaded minutes) and sends it; the Office returns
it with a reason; the unit sends it again; the Office accepts it, opens a Council session, puts the nomination on
its agenda, marks who is present and starts the vote; the Council's chair votes on his ballot page, the Office
records a present member's paper ballot and an absent member's written vote, and concludes the session. Each party
then sees the Council's result on the nomination's stepper, and the returned reason stays in its history."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from thidua.awards.models import Nomination
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.council_factories import member
from ..awards.factories import make_round, pass_meeting
from ..participation.helpers import pdf_bytes
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_the_units_draft_to_the_councils_result(world, live_server, page, tmp_path):
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
    expect(page.locator("#nomination-status")).to_have_text("Đơn vị đang soạn")
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
    expect(page.locator("#nomination-status")).to_have_text("Đã gửi, chờ Văn phòng kiểm tra")

    page.context.clear_cookies()
    login(page, base, "vanphong")
    page.goto(base + reverse("awards:inbox"))
    page.get_by_role("link", name="Nguyễn Văn An").click()
    page.get_by_label("Lý do trả lại (bắt buộc)").first.fill("Báo cáo chưa có số liệu ủng hộ quỹ")
    page.get_by_role("button", name="Trả lại").first.click()
    expect(page.locator("#nomination-status")).to_have_text("Văn phòng trả lại")

    page.context.clear_cookies()
    login(page, base, "truongphong")
    page.goto(base + reverse("awards:nomination", args=[nomination.pk]))
    assert "Báo cáo chưa có số liệu ủng hộ quỹ" in page.locator("#return-reason").inner_text()
    page.get_by_role("button", name="Gửi lại Văn phòng").click()
    expect(page.locator("#nomination-status")).to_have_text("Đã gửi, chờ Văn phòng kiểm tra")

    page.context.clear_cookies()
    login(page, base, "vanphong")
    page.goto(base + reverse("awards:nomination", args=[nomination.pk]))
    page.get_by_role("button", name="Hồ sơ hợp lệ").click()
    expect(page.locator("#nomination-status")).to_have_text("Hồ sơ hợp lệ, chờ Hội đồng")
    assert "Báo cáo chưa có số liệu ủng hộ quỹ" in page.locator("#nomination-history").inner_text()

    # the Office opens a Council session for today, with two more members beside the chair (hoidong)
    member(world.agency, world.office, name="Vi Văn Bình")
    member(world.agency, world.office, name="Hà Thị Cúc")
    today = timezone.localdate()
    page.goto(base + reverse("awards:sessions"))
    page.get_by_role("link", name="+ Tạo phiên họp").click()
    page.get_by_label("Tên phiên họp").fill("Phiên họp xét khen thưởng cuối năm")
    page.get_by_label("Ngày họp").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Địa điểm").fill("Phòng họp tầng 2")
    page.get_by_role("button", name="Tạo phiên họp").click()
    page.get_by_text("Đã tạo phiên họp; hãy đưa các đề nghị vào chương trình.").wait_for()
    expect(page.locator("#session-status")).to_have_text("Chuẩn bị")
    members = page.locator("#members")
    assert "Lương Văn Hải" in members.inner_text()
    page.get_by_label("Giấy khen của Giám đốc Sở – Nguyễn Văn An").check()
    page.get_by_role("button", name="Đưa vào chương trình").click()
    page.get_by_text("Đã đưa 1 đề nghị vào chương trình phiên họp.").wait_for()
    page.locator(".member-row", has_text="Hà Thị Cúc").get_by_role("button", name="ghi vắng mặt").click()
    page.get_by_text("Đã ghi Hà Thị Cúc vắng mặt.").wait_for()
    assert "có mặt 2, vắng mặt 1" in page.locator("#members h2").inner_text()
    page.get_by_role("button", name="Bắt đầu biểu quyết").click()
    expect(page.locator("#session-status")).to_have_text("Đang biểu quyết")
    session_url = page.url
    page.get_by_role("link", name="Giấy khen của Giám đốc Sở – Nguyễn Văn An").click()
    expect(page.locator("#nomination-status")).to_have_text("Đưa ra phiên họp Hội đồng")

    # the chair finds the vote waiting on his session list and votes on his ballot page
    page.context.clear_cookies()
    login(page, base, "hoidong")
    page.goto(base + reverse("awards:sessions"))
    assert "Bạn còn 1 đề nghị chờ biểu quyết." in page.locator("#to-vote").inner_text()
    page.locator("#to-vote").get_by_role("link", name="Phiên họp xét khen thưởng cuối năm").click()
    assert "Còn 1 đề nghị chờ bạn biểu quyết." in page.locator("#pending").inner_text()
    page.locator(".vote-item").get_by_label("Đồng ý", exact=True).check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.get_by_text("Đã ghi nhận ý kiến của bạn về đề nghị").wait_for()
    assert "Lần 1: bạn đã chọn “Đồng ý”." in page.locator(".my-vote").inner_text()
    assert page.get_by_role("button", name="Gửi ý kiến").count() == 0

    # the Office records the present member's paper ballot and the absent member's written vote, then concludes
    page.context.clear_cookies()
    login(page, base, "vanphong")
    page.goto(session_url)
    record = page.locator("#record")
    for name, mode in (("Vi Văn Bình (có mặt)", "Phiếu giấy (thư ký ghi)"),
                       ("Hà Thị Cúc (vắng mặt)", "Phiếu bằng văn bản của thành viên vắng mặt")):
        record.get_by_label("Thành viên").select_option(label=name)
        record.get_by_label("Ý kiến").select_option(label="Đồng ý")
        record.get_by_label("Hình thức").select_option(label=mode)
        record.get_by_role("button", name="Ghi nhận phiếu").click()
        page.get_by_text(f"Đã ghi nhận phiếu của {name.split(' (')[0]}.").wait_for()
        record = page.locator("#record")
    assert "Mọi thành viên đã bỏ phiếu." in page.locator("#agenda").inner_text()
    page.get_by_role("button", name="Kết thúc phiên, công bố kết quả").click()
    expect(page.locator("#session-status")).to_have_text("Đã kết thúc")
    expect(page.locator(".item-result")).to_have_text("Hội đồng thống nhất, trình Giám đốc quyết định")
    tally = page.locator(".ballot-row").inner_text()  # a majority of those present; the written vote is shown
    assert "2/2 (100%)" in tally and "1 bằng văn bản" in tally

    # every party sees the Council's result on the nomination's stepper
    for username in ("vanphong", "hoidong", "truongphong"):
        page.context.clear_cookies()
        login(page, base, username)
        page.goto(base + reverse("awards:nomination", args=[nomination.pk]))
        expect(page.locator("#nomination-status")).to_have_text("Hội đồng thống nhất, trình Giám đốc quyết định")
        # the Council's result is done; the Office now drafts the decision
        assert "✓ Hội đồng thống nhất, trình Giám đốc quyết định" in page.locator("#nomination-stepper").inner_text()
        expect(page.locator("#nomination-stepper [aria-current=step]")).to_contain_text("Chờ lập quyết định khen thưởng")
        assert "Báo cáo chưa có số liệu ủng hộ quỹ" in page.locator("#nomination-history").inner_text()
