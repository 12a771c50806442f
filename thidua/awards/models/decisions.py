"""Commendation II (issue 10): the agency's document register, decisions (Quyết định khen thưởng) with their
awardees and bonuses, the award history, proposals forwarded to the province (and further up) with the higher
decisions recorded, and the agency's signing identity with the files it signed.

A signed decision is locked: its lines, bonuses, regime and base salary are copied onto it when it is signed and
never recomputed; an award (`Award`) is the permanent record, whatever becomes of the data it came from."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold, nfc
from thidua.movements.models import Movement, RewardForm
from thidua.org.models import OrgUnit, Person
from thidua.participation.models import Household

from ..enums import (
    AwardKind,
    AwardLevel,
    AwardSource,
    DecisionStatus,
    ProposalStatus,
    RecipientKind,
    RevocationReason,
    SignerRole,
)
from .law import BaseSalary, LegalRegime
from .nominations import Nomination
from .rounds import ReviewRound


def new_token() -> str:
    """An unguessable token for a public link (a verification page): never a row id."""
    return secrets.token_urlsafe(24)


def number_label(number: int, doc_type: str, agency_code: str) -> str:
    """"123/QĐ-SGTVT": the number, the document type and the agency's code (Nghị định 30/2020)."""
    return f"{number}/{doc_type}-{agency_code}" if agency_code else f"{number}/{doc_type}"


class RegisteredDocument:
    """What a document numbered from the agency's register (a decision, a tờ trình) shows of its number."""

    @property
    def number_label(self) -> str:
        return number_label(self.number, self.doc_type, self.agency.code if self.agency_id else "")

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id


class DocumentRegister(models.Model):
    """Sổ đăng ký văn bản đi: the agency's numbers per year and document type ("QĐ", "TTr"), gapless, never reused.
    `awards.register.take_number` is the only writer (it locks the row)."""

    agency = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    doc_type = models.CharField(_("loại văn bản"), max_length=10)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        constraints = [models.UniqueConstraint(fields=["agency", "year", "doc_type"], name="register_unique")]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.year} — {self.agency}"


class Decision(RegisteredDocument, models.Model):
    """A Quyết định khen thưởng within the agency's authority, drafted by the Office from a round's agreed
    nominations; the Director (or a deputy, "KT. GIÁM ĐỐC") signs it."""

    agency = models.ForeignKey(OrgUnit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    review_round = models.ForeignKey(ReviewRound, verbose_name=_("đợt xét"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="decisions")
    doc_type = models.CharField(_("loại văn bản"), max_length=10, default="QĐ")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    issued_on = models.DateField(_("ngày quyết định"))
    title = models.CharField(_("trích yếu"), max_length=400, blank=True,
                             help_text=_("Ví dụ: Về việc tặng Giấy khen cho các tập thể, cá nhân …"))
    #: the regime in force on `issued_on` and the base salary of that day, fixed when the decision is signed
    regime = models.ForeignKey(LegalRegime, verbose_name=_("chế độ pháp lý"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    base_salary = models.ForeignKey(BaseSalary, verbose_name=_("mức lương cơ sở"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    money_source = models.TextField(_("nguồn tiền thưởng"), blank=True)
    execution_clause = models.TextField(_("điều khoản thi hành"), blank=True)
    recipients_text = models.TextField(_("nơi nhận"), blank=True)
    signer_role = models.CharField(_("thẩm quyền ký"), max_length=10, choices=SignerRole.choices,
                                   default=SignerRole.DIRECTOR)
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)
    signer = models.ForeignKey(Person, verbose_name=_("người ký"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    status = models.CharField(_("trạng thái"), max_length=10, choices=DecisionStatus.choices,
                              default=DecisionStatus.DRAFT)
    total_amount = models.PositiveBigIntegerField(_("tổng tiền thưởng (đồng)"), default=0)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    signed_scan = models.FileField(_("bản quét quyết định đã ký"), upload_to="awards/decisions/%Y/", blank=True)
    #: the published PDF, signed with the agency's certificate (PAdES)
    published_pdf = models.FileField(_("bản PDF công bố (ký số)"), upload_to="awards/decisions/%Y/", blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-issued_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["agency", "doc_type", "year", "number"],
                                               name="decision_number_unique")]
        indexes = [models.Index(fields=["agency", "status", "-issued_on"], name="decision_agency_idx")]

    def __str__(self) -> str:
        return f"Quyết định số {self.number_label}"

    def save(self, *args, **kwargs):
        for name in ("title", "money_source", "execution_clause", "recipients_text", "signer_name",
                     "cancel_reason"):
            setattr(self, name, nfc(getattr(self, name)))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("awards:decision", args=[self.pk])


class DecisionLine(models.Model):
    """One awardee of a decision (the appendix list), with the bonus. The names, position and unit are copied when
    the line is made, so that a signed decision reads as it was signed."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    nomination = models.ForeignKey(Nomination, verbose_name=_("đề nghị"), on_delete=models.PROTECT,
                                   related_name="decision_lines")
    form = models.ForeignKey(RewardForm, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+")
    recipient = models.CharField(_("đối tượng"), max_length=12, choices=RecipientKind.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên"), max_length=300)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=300, blank=True)
    achievement = models.TextField(_("thành tích"), blank=True)
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2, null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), default=0)
    #: several titles for the same period pay only the highest: the others are listed with amount 0 and a note
    paid = models.BooleanField(_("được chi tiền thưởng"), default=True)
    pay_note = models.CharField(_("ghi chú tiền thưởng"), max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("người, tập thể được khen thưởng")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["decision", "nomination"], name="decision_line_unique")]


class Award(models.Model):
    """The award history (lịch sử khen thưởng): one award or title of a person, a unit or a household — made
    when the agency's decision is signed, when a higher decision is recorded, or imported from past records."""

    agency = models.ForeignKey(OrgUnit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    recipient = models.CharField(_("đối tượng"), max_length=12, choices=RecipientKind.choices)
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="awards")
    #: the collective awarded, or a person's unit at the time
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="awards")
    household = models.ForeignKey(Household, verbose_name=_("hộ gia đình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên"), max_length=300)
    position = models.CharField(_("chức vụ khi được khen"), max_length=200, blank=True)
    unit_name = models.CharField(_("đơn vị khi được khen"), max_length=300, blank=True)
    form = models.ForeignKey(RewardForm, verbose_name=_("hình thức, danh hiệu"), on_delete=models.PROTECT,
                             related_name="+")
    level = models.CharField(_("cấp khen"), max_length=10, choices=AwardLevel.choices)
    kind = models.CharField(_("loại khen thưởng"), max_length=10, choices=AwardKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    achievement = models.TextField(_("thành tích"), blank=True)
    amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    authority = models.CharField(_("cấp quyết định"), max_length=200, blank=True,
                                 help_text=_("Ví dụ: Giám đốc Sở Giao thông vận tải"))
    source = models.CharField(_("nguồn"), max_length=10, choices=AwardSource.choices)
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    higher_decision = models.ForeignKey("HigherDecision", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="awards")
    nomination = models.ForeignKey(Nomination, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="awards")
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    #: the public verification page's link (never a row id)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    #: revocation (thu hồi, issue 11): the award no longer stands
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    #: accent-folded name, form and decision number, for the one search helper
    search_key = models.CharField(max_length=600, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("lịch sử khen thưởng")
        ordering = ["-year", "-decision_date", "id"]
        indexes = [
            models.Index(fields=["agency", "-year", "-decision_date"], name="award_agency_idx"),
            models.Index(fields=["person", "-year"], name="award_person_idx"),
            models.Index(fields=["unit", "-year"], name="award_unit_idx"),
            models.Index(fields=["household", "-year"], name="award_household_idx"),
            models.Index(fields=["movement", "year"], name="award_movement_idx"),
            # the history's search: a name from its start, a decision number, a form (issue 10 §6)
            models.Index(fields=["search_key"], name="award_search_idx"),
            models.Index(fields=["decision_number"], name="award_number_idx"),
            models.Index(fields=["form", "-year"], name="award_form_idx"),
            models.Index(fields=["-year", "-decision_date", "-id"], name="award_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="award_has_recipient", condition=(
                models.Q(recipient="individual", person__isnull=False)
                | models.Q(recipient="collective", unit__isnull=False, person__isnull=True, household__isnull=True)
                | models.Q(recipient="household", household__isnull=False))),
        ]

    def __str__(self) -> str:
        return f"{self.form} — {self.name} ({self.decision_number})"

    def save(self, *args, **kwargs):
        for name in ("name", "position", "unit_name", "achievement", "authority", "decision_number",
                     "revoked_reason"):
            setattr(self, name, nfc(getattr(self, name)))
        self.search_key = fold(" ".join([self.name, self.form.name if self.form_id else "", self.decision_number,
                                         self.unit_name]))[:600]
        super().save(*args, **kwargs)

    @property
    def stands(self) -> bool:
        return self.revoked_on is None

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id


class Revocation(models.Model):
    """The decision revoking an award (thu hồi, Luật 2022 ch. VII): its number, date and authority, the reason, and
    the money (and objects) to recover. One per award, never changed once recorded."""

    award = models.OneToOneField(Award, verbose_name=_("khen thưởng bị thu hồi"), on_delete=models.PROTECT,
                                 related_name="revocation")
    agency = models.ForeignKey(OrgUnit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField(_("số quyết định thu hồi"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định thu hồi"))
    authority = models.CharField(_("cấp quyết định thu hồi"), max_length=200)
    reason = models.CharField(_("căn cứ thu hồi"), max_length=20, choices=RevocationReason.choices)
    details = models.TextField(_("nội dung vi phạm"))
    amount_to_recover = models.PositiveBigIntegerField(_("tiền thưởng phải thu hồi (đồng)"), default=0)
    items_to_recover = models.CharField(_("hiện vật phải thu hồi"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định thu hồi khen thưởng")
        verbose_name_plural = _("các quyết định thu hồi khen thưởng")
        ordering = ["-decision_date", "-id"]
        indexes = [models.Index(fields=["agency", "-decision_date"], name="revocation_agency_idx")]

    def __str__(self) -> str:
        return f"{self.decision_number} — {self.award}"

    def save(self, *args, **kwargs):
        for name in ("decision_number", "authority", "details", "items_to_recover"):
            setattr(self, name, nfc(getattr(self, name)))
        super().save(*args, **kwargs)

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id


class HonourRollCount(models.Model):
    """The public honour roll's index, kept as the roll changes (issue 10, speed): how many awards of one kind
    stand on a movement's roll of a year. Written only by `honour.refresh_roll(movement_id, year)`, which recomputes a
    movement's year from the awards that stand whenever they change (a decision published, a higher decision
    recorded, an import, a revocation); no row for a kind without awards."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    recipient = models.CharField(max_length=12, choices=RecipientKind.choices)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["movement", "year", "recipient"], name="honour_count_unique")]

    def __str__(self) -> str:
        return f"{self.movement_id}/{self.year}/{self.recipient}: {self.count}"


class Proposal(RegisteredDocument, models.Model):
    """A tờ trình (TTr) sending the agency's nominations agreed for provincial or central forms to the province
    (`level` province), or carried further up by the province (`level` state)."""

    agency = models.ForeignKey(OrgUnit, verbose_name=_("cơ quan đề nghị"), on_delete=models.PROTECT,
                               related_name="+")
    review_round = models.ForeignKey(ReviewRound, verbose_name=_("đợt xét"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="proposals")
    level = models.CharField(_("cấp đề nghị"), max_length=10, choices=AwardLevel.choices)
    #: a central proposal the province carries up from an agency's proposal
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    doc_type = models.CharField(_("loại văn bản"), max_length=10, default="TTr")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    issued_on = models.DateField(_("ngày tờ trình"))
    title = models.CharField(_("trích yếu"), max_length=400, blank=True)
    signer_role = models.CharField(_("thẩm quyền ký"), max_length=10, choices=SignerRole.choices,
                                   default=SignerRole.DIRECTOR)
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.DRAFT)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tờ trình đề nghị cấp trên khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị cấp trên khen thưởng")
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["agency", "doc_type", "year", "number"],
                                               name="proposal_number_unique")]
        indexes = [models.Index(fields=["status", "-sent_at"], name="proposal_inbox_idx")]

    def __str__(self) -> str:
        return f"Tờ trình số {self.number_label}"

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.signer_name = nfc(self.signer_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("awards:proposal", args=[self.pk])


class ProposalItem(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="proposal_items")
    order = models.PositiveIntegerField(default=0)
    #: the higher decision's answer: awarded (True), not awarded (False), or not yet known
    awarded = models.BooleanField(null=True, blank=True)
    higher_decision = models.ForeignKey("HigherDecision", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="items")

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "nomination"], name="proposal_item_unique")]


class HigherDecision(models.Model):
    """The decision of the province (or of the Prime Minister, the President) on a proposal, as recorded."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("số quyết định"), max_length=60)
    issued_on = models.DateField(_("ngày quyết định"))
    authority = models.CharField(_("cấp quyết định"), max_length=200,
                                 help_text=_("Ví dụ: Chủ tịch UBND tỉnh Cao Bằng"))
    form = models.ForeignKey(RewardForm, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+")
    scan = models.FileField(_("bản quét quyết định"), upload_to="awards/higher/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng của cấp trên")
        ordering = ["-issued_on", "-id"]

    def save(self, *args, **kwargs):
        self.number = nfc(self.number)
        self.authority = nfc(self.authority)
        super().save(*args, **kwargs)


class SigningIdentity(models.Model):
    """The agency's certificate (a PKCS#12 file the administrator configures) for PAdES signatures. A new one
    replaces the active one; the old rows stay, for the files they signed."""

    agency = models.ForeignKey(OrgUnit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    pkcs12 = models.BinaryField(_("tệp PKCS#12"))
    passphrase = models.CharField(_("mật khẩu tệp PKCS#12"), max_length=200, blank=True)
    subject = models.CharField(_("chủ thể chứng thư"), max_length=400)
    issuer = models.CharField(_("tổ chức cấp"), max_length=400, blank=True)
    serial = models.CharField(_("số hiệu"), max_length=100, blank=True)
    valid_from = models.DateTimeField(_("hiệu lực từ"))
    valid_to = models.DateTimeField(_("hiệu lực đến"))
    self_signed = models.BooleanField(_("tự ký (chỉ để thử)"), default=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư số của cơ quan")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id


class SignedFile(models.Model):
    """A PDF the agency signed (a published decision, a certificate), known by its SHA-256: the verification page
    tells a visitor whether the file he holds is one of these."""

    sha256 = models.CharField(max_length=64, unique=True)
    identity = models.ForeignKey(SigningIdentity, on_delete=models.PROTECT, related_name="files")
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="signed_files")
    award = models.ForeignKey(Award, null=True, blank=True, on_delete=models.PROTECT, related_name="signed_files")
    filename = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đã ký số")
        ordering = ["-signed_at"]
