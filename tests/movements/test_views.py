import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.movements import services
from thidua.movements.demo import CODE, NEXT_CODE, load_movements_demo, plan_2679_text
from thidua.movements.enums import MovementStatus
from thidua.movements.models import Movement, PlanImport


def test_secretariat_creates_edits_and_launches_a_movement_through_the_ui(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("movements:create"), {
        "code": "lao-dong-gioi-2026", "name": "Phong trào thi đua lao động giỏi", "kind": "regular",
        "start_year": 2026, "end_year": 2026, "agency": world.agency.pk,
    })
    movement = Movement.objects.get(code="lao-dong-gioi-2026")
    assert response["Location"] == reverse("movements:detail", args=[movement.pk])
    client.post(reverse("movements:part_add", args=[movement.pk, "item"]),
                {"kind": "content", "label": "a", "text": "Hoàn thành xuất sắc nhiệm vụ", "order": 0})
    client.post(reverse("movements:part_add", args=[movement.pk, "milestone"]),
                {"text": "Tổng kết", "when_text": "Quý IV/2026", "order": 0})
    # without its number and signer the plan is not launched: the page says what is missing, before and after
    detail = client.get(reverse("movements:detail", args=[movement.pk])).content.decode()
    assert "Chưa phát động được: kế hoạch còn thiếu số kế hoạch, người ký, chức vụ người ký." in detail
    response = client.post(reverse("movements:transition", args=[movement.pk]), {"to": "launched"}, follow=True)
    assert "còn thiếu số kế hoạch, người ký, chức vụ người ký" in response.content.decode()
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT
    Movement.objects.filter(pk=movement.pk).update(plan_number="15/KH-SGTVT", signer_title="GIÁM ĐỐC",
                                                   signer_name="Nguyễn Văn Ký")
    response = client.post(reverse("movements:transition", args=[movement.pk]), {"to": "launched"}, follow=True)
    page = response.content.decode()
    assert "Đã phát động phong trào" in page and "Chưa phát động được" not in page
    assert "Quý IV/2026" in page


def test_bad_period_and_milestone_get_messages_and_nothing_is_saved(world, client, movement):
    world.login(client, "vanphong")
    response = client.post(reverse("movements:create"), {
        "code": "sai-nam", "name": "Sai năm", "kind": "regular", "start_year": 2026, "end_year": 2024,
        "agency": world.agency.pk,
    })
    assert "không được trước năm bắt đầu" in response.content.decode()
    assert not Movement.objects.filter(code="sai-nam").exists()
    response = client.post(reverse("movements:part_add", args=[movement.pk, "milestone"]),
                           {"text": "Tổng kết", "when_text": "Quý IV/2027", "order": 0})
    assert "nằm ngoài thời gian của phong trào (2021 - 2025)" in response.content.decode()
    assert not movement.milestones.exists()


def test_editing_a_closed_movement_is_refused_with_a_message(world, client, movement):
    Movement.objects.filter(pk=movement.pk).update(status=MovementStatus.CLOSED)
    world.login(client, "vanphong")
    response = client.get(reverse("movements:edit", args=[movement.pk]), follow=True)
    assert "chỉ để xem" in response.content.decode()
    response = client.post(reverse("movements:part_add", args=[movement.pk, "item"]),
                           {"kind": "content", "label": "b", "text": "Thêm", "order": 1}, follow=True)
    assert "chỉ để xem" in response.content.decode()
    assert movement.items.count() == 1


def test_unit_head_records_dissemination_and_the_coverage_shows_it(world, client, movement):
    services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)
    world.login(client, "truongphong")
    form_page = client.get(reverse("movements:disseminate", args=[movement.pk])).content.decode()
    assert world.transport.name in form_page and world.planning.name not in form_page
    response = client.post(reverse("movements:disseminate", args=[movement.pk]), {
        "unit": world.transport.pk, "method": "meeting", "held_on": dt.date.today().strftime("%d/%m/%Y"),
        "people_reached": 3, "reference": "BB 01",
    }, follow=True)
    coverage = {u.name: u for u in response.context["coverage"]}
    assert coverage[world.transport.name].reached == 3
    assert coverage[world.transport.name].percent == 100  # its three direct staff
    assert coverage[world.transport_team.name].percent == 0
    assert coverage[world.planning.name].reached == 0


def test_unit_head_cannot_record_for_another_unit(world, client, movement):
    services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)
    world.login(client, "truongphong")
    response = client.post(reverse("movements:disseminate", args=[movement.pk]), {
        "unit": world.planning.pk, "method": "meeting", "held_on": dt.date.today().strftime("%d/%m/%Y"),
        "people_reached": 1,
    })
    assert response.status_code == 200
    assert not movement.disseminations.exists()


def test_other_agencies_do_not_see_our_movement_but_the_province_does(world, client, movement):
    services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)
    world.login(client, "vanphong_khac")
    assert client.get(reverse("movements:detail", args=[movement.pk])).status_code == 404
    client.logout()
    world.login(client, "tinh")
    assert client.get(reverse("movements:detail", args=[movement.pk])).status_code == 200


def test_public_page_shows_launched_movements_only(world, client, movement):
    url = reverse("public:public", args=[movement.code])
    assert client.get(url).status_code == 404
    services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)
    page = client.get(url).content.decode()
    assert "Vì người nghèo" in page and "Tuyên truyền, vận động" in page


def test_demo_loads_plan_2679_with_its_history_and_the_next_phase(world):
    assert load_movements_demo(world.agency, out=lambda *a: None)
    plan = Movement.objects.get(code=CODE)
    assert plan.status == MovementStatus.CLOSED
    assert (plan.plan_number, plan.plan_issued_on, plan.signer_name) == ("2679/KH-SGTVT", dt.date(2022, 10, 20),
                                                                      "Lê Văn Định")
    assert plan.parent_plan.startswith("2451/KH-UBND")
    assert [i.label for i in plan.items.filter(kind="content")] == ["a", "b", "c", "d"]
    assert plan.items.get(kind="content", label="c").text.startswith("Thi đua đoàn kết giúp nhau giảm nghèo")
    assert set(plan.milestones.values_list("when_text", flat=True)) >= {"Tháng 10 năm 2022", "Năm 2023", "Năm 2025"}
    assert not plan.milestones.filter(done_on__isnull=True).exists()
    assert "Ban TĐKT, Sở Nội vụ Cao Bằng" in plan.recipient_list
    next_phase = Movement.objects.get(code=NEXT_CODE)
    assert (next_phase.status, next_phase.start_year, next_phase.end_year) == (MovementStatus.DRAFT, 2026, 2030)
    assert next_phase.sections.count() == plan.sections.count()
    assert not load_movements_demo(world.agency, out=lambda *a: None)


def test_importing_the_2679_scan_proposes_accented_fields_for_review_then_saves(world, client, settings):
    from pathlib import Path

    ocr = (Path(settings.BASE_DIR) / "movements" / "data" / "2679-KH-SGTVT.ocr.txt").read_bytes()
    world.login(client, "vanphong")
    response = client.post(reverse("movements:import"), {
        "file": SimpleUploadedFile("2679-scan.txt", ocr), "agency": world.agency.pk,
    })
    plan = PlanImport.objects.get()
    assert response["Location"] == reverse("movements:import_review", args=[plan.pk])
    assert plan.restored and "KẾ HOẠCH" in plan.restored
    form = client.get(response["Location"]).context["form"]
    assert form.initial["plan_number"] == "2679/KH-SGTVT"
    assert form.initial["start_year"] == 2021 and form.initial["end_year"] == 2025
    assert form.initial["governing_body"] == "UBND TỈNH CAO BẰNG"
    assert form.initial["code"] == "vi-nguoi-ngheo-khong-de-ai-bi-bo-lai-2021-2025"
    assert form.initial["plan_intro"].startswith("Thực hiện Kế hoạch số 2451/KH-UBND ngày 26/9/2022")
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(code="tu-ban-quet", kind="thematic", plan_issued_on="20/10/2022")
    response = client.post(reverse("movements:import_review", args=[plan.pk]), data)
    movement = Movement.objects.get(code="tu-ban-quet")
    assert response["Location"] == reverse("movements:detail", args=[movement.pk])
    assert movement.items.filter(kind="content").count() == 4
    assert movement.status == MovementStatus.DRAFT


def test_import_of_an_image_only_or_fake_file_gets_a_message(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("movements:import"), {
        "file": SimpleUploadedFile("anh.docx", b"\x89PNG\r\n\x1a\n" + b"0" * 200), "agency": world.agency.pk,
    })
    assert response.status_code == 200
    assert not PlanImport.objects.exists()
    assert "không phải" in response.content.decode().lower() or "không đọc" in response.content.decode().lower()


def test_unstructured_text_is_kept_for_manual_entry(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("movements:import"), {"text": "Biên bản họp chi bộ tháng 3.", "agency": world.agency.pk},
                           follow=True)
    page = response.content.decode()
    assert "Không nhận ra cấu trúc kế hoạch" in page
    assert "Biên bản họp chi bộ tháng 3." in page


def test_plan_text_of_the_demo_has_no_markdown(world):
    text = plan_2679_text()
    assert "##" not in text and "**" not in text and "<!--" not in text


def test_the_2679_plan_exports_word_for_word_as_docx_and_pdf(world, client):
    import io

    import docx
    from pypdf import PdfReader

    load_movements_demo(world.agency, out=lambda *a: None)
    plan = Movement.objects.get(code=CODE)
    assert plan.plan_intro.startswith("Thực hiện Kế hoạch số 2451/KH-UBND ngày 26/9/2022 của Ủy ban nhân dân (UBND)")
    assert plan.plan_closing.endswith("của Sở Giao thông vận tải tỉnh Cao Bằng./.")
    world.login(client, "canbo")
    response = client.get(reverse("movements:export", args=[plan.pk, "docx"]))
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-2679-kh-sgtvt.docx"'
    document = docx.Document(io.BytesIO(response.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert plan.plan_intro in body
    assert "c) Thi đua đoàn kết giúp nhau giảm nghèo và từng bước làm giàu" in body
    response = client.get(reverse("movements:export", args=[plan.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Số: 2679/KH-SGTVT" in text and "Lê Văn Định" in text


def test_a_bad_line_in_the_review_saves_nothing_and_names_the_line(world, client):
    world.login(client, "vanphong")
    client.post(reverse("movements:import"), {"text": plan_2679_text(), "agency": world.agency.pk})
    plan = PlanImport.objects.get()
    form = client.get(reverse("movements:import_review", args=[plan.pk])).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(kind="thematic", plan_issued_on="20/10/2022",
                milestones=data["milestones"] + "\nQuý IV/2027 | Tổng kết muộn")
    response = client.post(reverse("movements:import_review", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "nằm ngoài thời gian của phong trào (2021 - 2025)" in response.content.decode()
    assert not Movement.objects.exists()


def test_criterion_weight_takes_a_decimal_with_comma_or_point(world, client, movement):
    from decimal import Decimal

    world.login(client, "vanphong")
    url = reverse("movements:part_add", args=[movement.pk, "criterion"])
    for weight in ("1,5", "1.5"):
        response = client.post(url, {"target": "collective", "text": f"Tiêu chí {weight}", "weight": weight, "order": 0})
        assert response.status_code == 302
    assert list(movement.criteria.values_list("weight", flat=True)) == [Decimal("1.5"), Decimal("1.5")]
    page = client.get(reverse("movements:detail", args=[movement.pk])).content.decode()
    assert "trọng số 1,5" in page
    edit = client.get(reverse("movements:part_edit", args=[movement.pk, "criterion", movement.criteria.first().pk]))
    assert 'value="1,5"' in edit.content.decode()


def test_a_bad_criterion_weight_gets_a_message_and_nothing_is_saved(world, client, movement):
    world.login(client, "vanphong")
    url = reverse("movements:part_add", args=[movement.pk, "criterion"])
    for weight, message in (("1,5,3", "Hãy nhập một số"), ("mười", "Hãy nhập một số"), ("-1", "lớn hơn hoặc bằng"),
                            ("1000", "nhỏ hơn hoặc bằng 100"), ("1,555", "2 chữ số")):
        response = client.post(url, {"target": "collective", "text": "Tiêu chí", "weight": weight, "order": 0})
        assert response.status_code == 200
        assert message in response.content.decode(), weight
    assert not movement.criteria.exists()


def test_a_directive_document_dated_in_the_future_is_refused(world, client, movement):
    world.login(client, "vanphong")
    url = reverse("movements:document_add", args=[movement.pk])
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    pdf = SimpleUploadedFile("hd.pdf", b"%PDF-1.4 huong dan", content_type="application/pdf")
    response = client.post(url, {"title": "Hướng dẫn", "issued_on": tomorrow.strftime("%d/%m/%Y"), "file": pdf,
                                 "is_public": "on"})
    assert response.status_code == 200
    assert f"Ngày ban hành {tomorrow:%d/%m/%Y} ở tương lai" in response.content.decode()
    assert not movement.documents.exists()
    pdf.seek(0)
    response = client.post(url, {"title": "Hướng dẫn", "issued_on": dt.date.today().strftime("%d/%m/%Y"),
                                 "file": pdf, "is_public": "on"})
    assert response.status_code == 302 and movement.documents.count() == 1


def test_an_item_label_typed_with_its_bracket_shows_once(world, client, movement):
    world.login(client, "vanphong")
    url = reverse("movements:part_add", args=[movement.pk, "item"])
    response = client.post(url, {"kind": "content", "label": "a)", "text": "Lặp ký hiệu", "order": 1})
    assert "Ký hiệu “a)” đã có" in response.content.decode()
    client.post(url, {"kind": "content", "label": "b)", "text": "Giúp nhau thoát nghèo", "order": 1})
    page = client.get(reverse("movements:detail", args=[movement.pk])).content.decode()
    assert "b))" not in page and movement.items.filter(label="b").exists()


def test_a_reviewed_plan_with_the_same_item_label_twice_saves_nothing(world, client):
    world.login(client, "vanphong")
    client.post(reverse("movements:import"), {"text": plan_2679_text(), "agency": world.agency.pk})
    plan = PlanImport.objects.get()
    form = client.get(reverse("movements:import_review", args=[plan.pk])).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(kind="thematic", plan_issued_on="20/10/2022",
                content_items=data["content_items"] + "\n\na) Một nội dung nữa mang ký hiệu a)")
    response = client.post(reverse("movements:import_review", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "Ký hiệu “a)” đã có trong mục “Nội dung thi đua”" in response.content.decode()
    assert not Movement.objects.exists()
