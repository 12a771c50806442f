from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.access import PUBLIC, access
from thidua.core.db import page_param
from thidua.core.forms import apply_validation_error
from thidua.core.models import AuditEvent
from thidua.core.submission import single_submission
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope

from . import rules, scoping, services
from .enums import MOVEMENT_FLOW, MilestoneStatus, MovementStatus
from .forms import PARTS, CloneForm, DisseminationForm, MovementDocumentForm, MovementForm
from .models import Movement, MovementDocument
from .stats import coverage

PAGE = 20



#: kept names for callers of the views: the scoping lives in movements/scoping.py
visible_movements = scoping.visible_movements
can_manage = scoping.can_manage


def _managed(request, pk: int) -> Movement:
    movement = get_object_or_404(visible_movements(request.user), pk=pk)
    if not can_manage(request.user, movement):
        raise PermissionDenied
    return movement


_managed_agencies = scoping.managed_agencies


@access(rules.reads_movements)
def movement_list(request):
    qs = visible_movements(request.user)
    status = request.GET.get("status", "")
    if status in MovementStatus.values:
        qs = qs.filter(status=status)
    page = page_param(request.GET.get("page"))
    rows = list(qs.order_by("-start_year", "-id")[(page - 1) * PAGE: page * PAGE + 1])
    return render(request, "movements/list.html", {
        "movements": rows[:PAGE], "has_next": len(rows) > PAGE, "page": page, "status": status,
        "statuses": MovementStatus.choices, "can_create": rules.manages_movements.test(request.user),
    })


def _timeline(movement: Movement):
    today = timezone.localdate()
    milestones = list(movement.milestones.all())
    for m in milestones:
        m.status = m.status_on(today)
        m.status_label = MilestoneStatus(m.status).label
    return milestones


@access(rules.reads_movements)
def movement_detail(request, pk: int):
    movement = get_object_or_404(visible_movements(request.user), pk=pk)
    manage = can_manage(request.user, movement)
    items = list(movement.items.all())
    context = {
        "m": movement,
        "can_manage": manage and movement.is_editable,
        "can_transition": manage,
        "transitions": MOVEMENT_FLOW.buttons(movement, request.user) if manage else [],
        "launch_missing": services.launch_missing(movement) if manage and movement.status == MovementStatus.DRAFT
        else [],
        "sections": movement.sections.all(),
        "content_items": [i for i in items if i.kind == "content"],
        "solutions": [i for i in items if i.kind == "solution"],
        "subjects": movement.subjects.all(),
        "criteria": movement.criteria.all(),
        "reward_forms": movement.reward_forms.select_related("form"),
        "milestones": _timeline(movement),
        "responsibilities": movement.responsibilities.all(),
        "coverage": coverage(movement) if movement.status != MovementStatus.DRAFT else [],
        "documents": scoping.visible_documents(request.user, movement),
        "can_register": movement.status == MovementStatus.LAUNCHED and rules.records_dissemination.test(request.user),
        "can_disseminate": movement.status == MovementStatus.LAUNCHED and rules.records_dissemination.test(request.user),
        "history": list(AuditEvent.objects.filter(target_type="movements.movement", target_id=str(movement.pk))
                        .order_by("-id")[:30]) if manage else [],
        "clones": visible_movements(request.user).filter(cloned_from=movement),
    }
    return render(request, "movements/detail.html", context)


@access(rules.manages_movements)
@single_submission
def movement_create(request):
    agencies = _managed_agencies(request.user)
    form = MovementForm(request.POST or None)
    form.fields["agency"] = __import__("django").forms.ModelChoiceField(
        label=_("Cơ quan phát động"), queryset=agencies, initial=agencies.first())
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "agency"}
        try:
            movement = services.create_movement(actor=request.user, agency=form.cleaned_data["agency"], **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã tạo phong trào (dự thảo). Hãy nhập các mục của kế hoạch."))
            return redirect("movements:detail", pk=movement.pk)
    return render(request, "movements/form.html", {"form": form, "title": _("Tạo phong trào thi đua")})


@access(rules.manages_movements)
def movement_edit(request, pk: int):
    movement = _managed(request, pk)
    if not movement.is_editable:
        messages.error(request, _("Phong trào đã kết thúc: mọi nội dung chỉ để xem, không sửa được."))
        return redirect("movements:detail", pk=pk)
    form = MovementForm(request.POST or None, instance=Movement.objects.get(pk=pk), editing=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        try:
            services.update_movement(movement, actor=request.user, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("movements:detail", pk=pk)
    return render(request, "movements/form.html", {"form": form, "title": _("Sửa: %(name)s") % {"name": movement.name}, "m": movement})


@access(rules.manages_movements)
def part_edit(request, pk: int, kind: str, part_id: int | None = None):
    movement = _managed(request, pk)
    if kind not in PARTS:
        raise Http404
    model, form_class, label = PARTS[kind]
    if not movement.is_editable:
        messages.error(request, _("Phong trào đã kết thúc: mọi nội dung chỉ để xem, không sửa được."))
        return redirect("movements:detail", pk=pk)
    instance = get_object_or_404(model, pk=part_id, movement=movement) if part_id else model(movement=movement)
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form_class.Meta.fields}
        try:
            services.save_part(movement, instance, actor=request.user, **fields)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu %(part)s.") % {"part": label})
            return redirect(f"{movement.get_absolute_url()}#{kind}")
    title = (_("Sửa %(part)s") if part_id else _("Thêm %(part)s")) % {"part": label}
    return render(request, "movements/part_form.html", {"form": form, "title": title, "m": movement})


@access(rules.manages_movements)
@require_POST
def part_delete(request, pk: int, kind: str, part_id: int):
    movement = _managed(request, pk)
    if kind not in PARTS:
        raise Http404
    model, _form, label = PARTS[kind]
    instance = get_object_or_404(model, pk=part_id, movement=movement)
    try:
        services.delete_part(movement, instance, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã xóa %(part)s.") % {"part": label})
    return redirect(f"{movement.get_absolute_url()}#{kind}")


@access(rules.manages_movements)
@require_POST
def transition(request, pk: int):
    movement = _managed(request, pk)
    to_state = request.POST.get("to", "")
    try:
        services.move_movement(movement, to_state, actor=request.user, reason=request.POST.get("reason", ""))
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        done = {edge.target: edge.done for edge in MOVEMENT_FLOW.edges.values()}
        messages.success(request, done.get(to_state) or _("Đã chuyển trạng thái."))
    return redirect("movements:detail", pk=pk)


@access(rules.manages_movements)
def clone(request, pk: int):
    movement = _managed(request, pk)
    span = movement.end_year - movement.start_year
    initial = {"start_year": movement.end_year + 1, "end_year": movement.end_year + 1 + span,
               "code": f"{movement.code.rsplit('-', 2)[0]}-{movement.end_year + 1}-{movement.end_year + 1 + span}"[:60],
               "name": movement.name}
    form = CloneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.clone_movement(movement, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã nhân bản thành phong trào mới (dự thảo); các mốc thời gian đã được dời."))
            return redirect("movements:detail", pk=copy.pk)
    return render(request, "movements/part_form.html", {
        "form": form, "title": _("Nhân bản “%(name)s” cho giai đoạn mới") % {"name": movement.name}, "m": movement})


def _dissemination_units(user, movement: Movement):
    scope = get_scope(user)
    units = OrgUnit.objects.within_agency(movement.agency).filter(is_active=True)
    if scope.is_admin or can_manage(user, movement):
        return units.order_by("path")
    return units.filter(path__in=scope.unit_paths).order_by("path")  # the units he heads


@access(rules.records_dissemination)
@single_submission
def disseminate(request, pk: int):
    movement = get_object_or_404(visible_movements(request.user), pk=pk)
    units = _dissemination_units(request.user, movement)
    if not units.exists():
        raise PermissionDenied
    form = DisseminationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            services.record_dissemination(movement, unit, actor=request.user, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả quán triệt của %(unit)s.") % {"unit": unit.name})
            return redirect(f"{movement.get_absolute_url()}#coverage")
    return render(request, "movements/part_form.html", {
        "form": form, "title": _("Ghi kết quả quán triệt: %(name)s") % {"name": movement.name}, "m": movement})


@access(rules.manages_movements)
def document_add(request, pk: int):
    movement = _managed(request, pk)
    form = MovementDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attach_document(movement, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã đính kèm văn bản."))
            return redirect(f"{movement.get_absolute_url()}#documents")
    return render(request, "movements/part_form.html", {
        "form": form, "title": _("Đính kèm văn bản chỉ đạo"), "m": movement, "multipart": True})


@access(PUBLIC)
def document_download(request, doc_id: int):
    doc = get_object_or_404(MovementDocument.objects.select_related("movement"), pk=doc_id)
    if not scoping.may_download(request.user, doc):
        raise Http404
    name = doc.file.name.rsplit("/", 1)[-1]
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=name)


@access(PUBLIC)
def public_movement(request, code: str):
    movement = get_object_or_404(scoping.public_movements().select_related("agency"), code=code)
    items = list(movement.items.all())
    return render(request, "movements/public.html", {
        "m": movement,
        "sections": movement.sections.all(),
        "content_items": [i for i in items if i.kind == "content"],
        "milestones": _timeline(movement),
        "documents": movement.documents.filter(is_public=True),
    })


@access(PUBLIC)
def public_list(request):
    movements = scoping.public_movements().select_related("agency").order_by(
        "-start_year", "-id")[:50]
    return render(request, "movements/public_list.html", {"movements": movements})


# --- import of a plan document -------------------------------------------------------------------------------


@access(rules.manages_movements)
def plan_import(request):
    from .extract import DocumentError, extract_text
    from .forms import PlanUploadForm
    from .importing import propose
    from .models import PlanImport

    agencies = _managed_agencies(request.user)
    form = PlanUploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                extracted = extract_text(upload.name, upload.read())
                text, kind, filename = extracted.text, extracted.kind, upload.name
            else:
                text, kind, filename = form.cleaned_data["text"], "text", "(nội dung dán vào)"
        except DocumentError as exc:
            form.add_error("file", str(exc))
        else:
            result = propose(text)
            plan = PlanImport.objects.create(
                agency=form.cleaned_data["agency"], filename=filename[:255], kind=kind, text=text,
                restored=result["restored"], proposal=result["proposal"], created_by=request.user,
            )
            return redirect("movements:import_review", plan_import_id=plan.pk)
    return render(request, "movements/import_upload.html", {"form": form})


@access(rules.manages_movements)
def plan_import_review(request, plan_import_id: int):
    from .forms import PlanReviewForm
    from .importing import create_from_review, proposal_to_initial
    from .models import PlanImport
    from .parsing import proposal_is_empty

    plan = get_object_or_404(PlanImport.objects.filter(agency__in=_managed_agencies(request.user)), pk=plan_import_id)
    if plan.movement_id:
        messages.info(request, _("Văn bản này đã được lưu thành phong trào."))
        return redirect("movements:detail", pk=plan.movement_id)
    if request.method == "POST" and request.POST.get("action") == "reparse":
        from .parsing import parse_plan

        plan.restored = request.POST.get("restored_text", plan.restored)
        plan.proposal = parse_plan(plan.restored or plan.text)
        plan.save(update_fields=["restored", "proposal"])
        messages.info(request, _("Đã phân tích lại từ văn bản đã sửa."))
        return redirect("movements:import_review", plan_import_id=plan.pk)
    initial = proposal_to_initial(plan.proposal, plan.restored or plan.text)
    if Movement.objects.filter(code=initial.get("code")).exists():
        initial["code"] = ""
    form = PlanReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                movement = create_from_review(form.cleaned_data, agency=plan.agency, actor=request.user)
                plan.movement = movement
                plan.save(update_fields=["movement"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu phong trào (dự thảo) từ văn bản kế hoạch."))
            return redirect("movements:detail", pk=movement.pk)
    return render(request, "movements/import_review.html", {
        "plan": plan, "form": form, "empty": proposal_is_empty(plan.proposal),
    })


@access(rules.reads_movements)
def export(request, pk: int, fmt: str):
    from django.http import HttpResponse

    from thidua.core.text import fold
    from thidua.documents.nd30 import build_docx, build_pdf
    from thidua.movements.document import plan_document

    movement = get_object_or_404(visible_movements(request.user), pk=pk)
    slug = re.sub(r"[^a-z0-9]+", "-", fold(movement.plan_number or movement.code)).strip("-") or "ke-hoach"
    with translation.override(settings.LANGUAGE_CODE):  # the plan is a Vietnamese document whatever the UI language
        document = plan_document(movement)
        if fmt == "docx":
            response = HttpResponse(build_docx(document), content_type=(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        elif fmt == "pdf":
            response = HttpResponse(build_pdf(document), content_type="application/pdf")
        else:
            raise Http404
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{slug}.{fmt}"'
    return response
