"""The commendation side's states (one enum each, Vietnamese labels, named groups) and their workflows."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.workflow import SYSTEM, Edge, Workflow
from thidua.movements.enums import RewardTiming

from .roles import (
    heads_nomination_unit,
    office_of_decision,
    office_of_nomination,
    office_of_proposal,
    office_of_round,
    office_of_session,
    records_higher_decision,
    reviewer_of_proposal,
    signer_of_decision,
    unit_or_office,
)

#: a review round's kind is the reward forms' timing in the plan: yearly, sơ kết, tổng kết, đột xuất
RoundKind = RewardTiming


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


#: the recipient kinds as the commands write them (`thidua bonus --recipient`, `thidua eligibility`'s files)
RECIPIENT_SLUGS = {"ca-nhan": RecipientKind.INDIVIDUAL, "tap-the": RecipientKind.COLLECTIVE,
                   "ho-gia-dinh": RecipientKind.HOUSEHOLD}


class ThresholdBase(models.TextChoices):
    ALL_MEMBERS = "all", _("tổng số thành viên Hội đồng")
    PRESENT = "present", _("số thành viên có mặt")


class Grade(models.TextChoices):
    """The yearly task-completion rating (xếp loại mức độ hoàn thành nhiệm vụ), best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    DONE = "done", _("Hoàn thành nhiệm vụ")
    FAILED = "failed", _("Không hoàn thành nhiệm vụ")


#: "hoàn thành tốt nhiệm vụ trở lên"
GOOD_OR_BETTER = {Grade.EXCELLENT, Grade.GOOD}


class DisciplineForm(models.TextChoices):
    """Lightest first; `DISCIPLINE_ORDER` ranks them (reprimand is the lightest)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_DOWN = "salary_down", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    DISMISSAL = "dismissal", _("Cách chức")
    TERMINATION = "termination", _("Buộc thôi việc")


DISCIPLINE_ORDER = {form: rank for rank, form in enumerate(DisciplineForm.values)}


class InquiryKind(models.TextChoices):
    INVESTIGATION = "investigation", _("Đang bị điều tra, thanh tra, kiểm tra")
    COMPLAINT = "complaint", _("Có đơn thư khiếu nại, tố cáo chưa giải quyết")


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    RESEARCH = "research", _("Đề tài nghiên cứu khoa học")


class RecognitionLevel(models.TextChoices):
    BASE = "base", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh, cấp bộ")
    NATIONAL = "national", _("Toàn quốc")


class VoteChoice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không biểu quyết")


class VoteMode(models.TextChoices):
    ONLINE = "online", _("Bỏ phiếu trên hệ thống")
    PAPER = "paper", _("Phiếu giấy (thư ký ghi)")
    WRITTEN = "written", _("Phiếu bằng văn bản của thành viên vắng mặt")


class DossierPart(models.TextChoices):
    """The components of a dossier (Luật TĐKT 2022 Điều 84); which ones a form needs is the regime's data."""

    SUBMISSION = "submission", _("Tờ trình đề nghị khen thưởng")
    UNIT_MINUTES = "unit_minutes", _("Biên bản họp bình xét của đơn vị")
    REPORT = "report", _("Báo cáo thành tích")
    LIST = "list", _("Danh sách đề nghị khen thưởng")
    COUNCIL_MINUTES = "council_minutes", _("Biên bản họp Hội đồng Thi đua - Khen thưởng")
    INITIATIVE = "initiative", _("Giấy chứng nhận sáng kiến, đề tài")
    OTHER = "other", _("Tài liệu khác")


class DossierStage(models.TextChoices):
    SUBMIT = "submit", _("đơn vị gửi Văn phòng")
    PROPOSE = "propose", _("trình quyết định hoặc đề nghị cấp trên")


# -- review rounds ---------------------------------------------------------------------------------------------------

class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang nhận hồ sơ")
    CLOSED = "closed", _("Hết hạn nhận hồ sơ")
    REVIEWED = "reviewed", _("Hội đồng đã xét")
    FINISHED = "finished", _("Đã kết thúc")


ROUND_FLOW = Workflow(RoundStatus, [
    Edge(RoundStatus.DRAFT, RoundStatus.OPEN, _("Mở đợt xét"), by=office_of_round, style="btn-danger",
         confirm=_("Mở đợt xét khen thưởng? Trưởng các đơn vị sẽ được thông báo."),
         done=_("Đã mở đợt xét; trưởng các đơn vị đã được thông báo."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được mở, đóng đợt xét.")),
    Edge(RoundStatus.OPEN, RoundStatus.CLOSED, _("Đóng nhận hồ sơ"), by=office_of_round,
         style="btn-outline-danger", confirm=_("Đóng nhận hồ sơ? Đơn vị sẽ không gửi thêm được đề nghị."),
         done=_("Đã đóng nhận hồ sơ của đợt xét."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được mở, đóng đợt xét.")),
    Edge(RoundStatus.CLOSED, RoundStatus.OPEN, _("Mở lại nhận hồ sơ"), by=office_of_round,
         style="btn-outline-secondary", done=_("Đã mở lại nhận hồ sơ."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được mở, đóng đợt xét.")),
    Edge(RoundStatus.CLOSED, RoundStatus.REVIEWED, _("Ghi nhận Hội đồng đã xét"), by=office_of_round,
         style="btn-success", done=_("Đợt xét đã được Hội đồng xét xong."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được ghi nhận kết quả xét.")),
    Edge(RoundStatus.REVIEWED, RoundStatus.FINISHED, _("Kết thúc đợt xét"), by=office_of_round,
         style="btn-outline-danger", confirm=_("Kết thúc đợt xét? Sau đó mọi nội dung chỉ để xem."),
         done=_("Đợt xét đã kết thúc."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được kết thúc đợt xét.")),
], refused=_("Không thể chuyển đợt xét từ “%(current)s” sang “%(target)s”."))
ROUND_OPEN_STATES = ROUND_FLOW.open_states
ROUND_FINAL_STATES = ROUND_FLOW.final_states


# -- nominations -----------------------------------------------------------------------------------------------------

class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Đơn vị đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ Văn phòng kiểm tra")
    RETURNED = "returned", _("Văn phòng trả lại")
    ACCEPTED = "accepted", _("Hồ sơ hợp lệ, chờ Hội đồng")
    ON_AGENDA = "on_agenda", _("Đưa ra phiên họp Hội đồng")
    AGREED_DECISION = "agreed_decision", _("Hội đồng thống nhất, trình Giám đốc quyết định")
    AGREED_PROVINCE = "agreed_province", _("Hội đồng thống nhất, đề nghị cấp trên")
    NOT_AGREED = "not_agreed", _("Hội đồng không thống nhất")


NOMINATION_FLOW = Workflow(NominationStatus, [
    Edge(NominationStatus.DRAFT, NominationStatus.SUBMITTED, _("Gửi Văn phòng"), by=unit_or_office,
         style="btn-primary", confirm=_("Gửi đề nghị khen thưởng đến Văn phòng để kiểm tra hồ sơ?"),
         done=_("Đã gửi đề nghị; Văn phòng sẽ kiểm tra hồ sơ."),
         refused=_("Chỉ trưởng đơn vị đề nghị hoặc Văn phòng được gửi đề nghị này.")),
    Edge(NominationStatus.RETURNED, NominationStatus.SUBMITTED, _("Gửi lại Văn phòng"), by=unit_or_office,
         style="btn-primary", done=_("Đã gửi lại đề nghị; Văn phòng sẽ kiểm tra hồ sơ."),
         refused=_("Chỉ trưởng đơn vị đề nghị hoặc Văn phòng được gửi đề nghị này.")),
    Edge(NominationStatus.SUBMITTED, NominationStatus.DRAFT, _("Rút lại để sửa"), by=heads_nomination_unit,
         style="btn-outline-secondary", done=_("Đã rút lại đề nghị; đơn vị có thể sửa rồi gửi lại."),
         refused=_("Chỉ trưởng đơn vị đề nghị được rút lại đề nghị đã gửi.")),
    Edge(NominationStatus.SUBMITTED, NominationStatus.ACCEPTED, _("Hồ sơ hợp lệ"), by=office_of_nomination,
         style="btn-success", done=_("Đã ghi nhận hồ sơ hợp lệ; đề nghị chờ đưa ra Hội đồng."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được kiểm tra hồ sơ.")),
    Edge(NominationStatus.SUBMITTED, NominationStatus.RETURNED, pgettext_lazy("action", "Trả lại"),
         by=office_of_nomination, style="btn-outline-danger", reason=_("Lý do trả lại (bắt buộc)"),
         done=_("Đã trả lại đề nghị cho đơn vị, kèm lý do."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được trả lại hồ sơ.")),
    Edge(NominationStatus.ACCEPTED, NominationStatus.RETURNED, pgettext_lazy("action", "Trả lại"),
         by=office_of_nomination, style="btn-outline-danger", reason=_("Lý do trả lại (bắt buộc)"),
         done=_("Đã trả lại đề nghị cho đơn vị, kèm lý do."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được trả lại hồ sơ.")),
    # the agenda: taken by adding the nomination to a Council session (or removing it before any vote)
    Edge(NominationStatus.ACCEPTED, NominationStatus.ON_AGENDA, "", by=SYSTEM),
    Edge(NominationStatus.ON_AGENDA, NominationStatus.ACCEPTED, "", by=SYSTEM),
    # the Council's result: computed from the votes when the session concludes, never chosen
    Edge(NominationStatus.ON_AGENDA, NominationStatus.AGREED_DECISION, "", by=SYSTEM),
    Edge(NominationStatus.ON_AGENDA, NominationStatus.AGREED_PROVINCE, "", by=SYSTEM),
    Edge(NominationStatus.ON_AGENDA, NominationStatus.NOT_AGREED, "", by=SYSTEM),
], refused=_("Không thể chuyển đề nghị từ “%(current)s” sang “%(target)s”."))
#: where the nomination is with the unit (it may edit)
UNIT_STATES = {NominationStatus.DRAFT, NominationStatus.RETURNED}
#: with the Office
OFFICE_STATES = {NominationStatus.SUBMITTED, NominationStatus.ACCEPTED}
#: with the Council
COUNCIL_STATES = {NominationStatus.ON_AGENDA}
AGREED_STATES = {NominationStatus.AGREED_DECISION, NominationStatus.AGREED_PROVINCE}
NOMINATION_OPEN_STATES = NOMINATION_FLOW.open_states
NOMINATION_FINAL_STATES = NOMINATION_FLOW.final_states
#: counted against a round's quota (everything sent or on its way, not what the Council refused)
QUOTA_STATES = (NOMINATION_OPEN_STATES - {NominationStatus.DRAFT, NominationStatus.RETURNED}) | AGREED_STATES
#: the stepper: the steps of the path in order, each with who holds the nomination there
STEPS = [
    (NominationStatus.DRAFT, _("Đơn vị")),
    (NominationStatus.SUBMITTED, _("Văn phòng")),
    (NominationStatus.ACCEPTED, _("Văn phòng")),
    (NominationStatus.ON_AGENDA, _("Hội đồng TĐKT")),
]


# -- the Council's sessions ------------------------------------------------------------------------------------------

class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị")
    VOTING = "voting", _("Đang biểu quyết")
    CONCLUDED = "concluded", _("Đã kết thúc")


SESSION_FLOW = Workflow(SessionStatus, [
    Edge(SessionStatus.DRAFT, SessionStatus.VOTING, _("Bắt đầu biểu quyết"), by=office_of_session,
         style="btn-primary", confirm=_("Bắt đầu biểu quyết? Danh sách thành viên có mặt, vắng mặt được chốt."),
         done=_("Phiên họp đang biểu quyết; thành viên Hội đồng đã được thông báo."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được điều hành phiên họp.")),
    Edge(SessionStatus.VOTING, SessionStatus.CONCLUDED, _("Kết thúc phiên, công bố kết quả"), by=office_of_session,
         style="btn-danger", confirm=_("Kết thúc phiên họp? Kết quả được tính từ phiếu và không sửa được nữa."),
         done=_("Đã kết thúc phiên họp; kết quả biểu quyết đã được ghi cho từng đề nghị."),
         refused=_("Chỉ Văn phòng (thường trực Hội đồng) được điều hành phiên họp.")),
], refused=_("Không thể chuyển phiên họp từ “%(current)s” sang “%(target)s”."))


# -- decisions, awards, proposals upward (issue 10) -----------------------------------------------------------------

class SignerRole(models.TextChoices):
    DIRECTOR = "director", _("Giám đốc ký")
    DEPUTY = "deputy", _("Phó Giám đốc ký thay (KT. GIÁM ĐỐC)")


class SignMode(models.TextChoices):
    """How a decision is signed in the system: a leader of the agency signs it himself, or the Office records a
    signature a leader made on paper (`decisions.sign_modes` says which a user may do)."""

    SELF = "self", _("Bạn ký quyết định (với chức vụ của bạn)")
    PAPER = "paper", _("Văn phòng ghi nhận chữ ký trên giấy của lãnh đạo")


class AwardLevel(models.TextChoices):
    """Who decided the award: the agency (Giám đốc Sở), the province (Chủ tịch UBND tỉnh), the State (Thủ tướng
    Chính phủ, Chủ tịch nước)."""

    AGENCY = "agency", _("Cấp Sở")
    PROVINCE = "province", _("Cấp tỉnh")
    STATE = "state", _("Cấp Nhà nước")


class AwardKind(models.TextChoices):
    """Merit (công trạng: the yearly titles and merit-based forms), a movement's sơ kết/tổng kết (thematic), or a
    sudden achievement. Thematic and sudden awards do not count toward a merit chain (R2, R3)."""

    MERIT = "merit", _("Công trạng, thành tích thường xuyên")
    THEMATIC = "thematic", _("Theo phong trào thi đua, chuyên đề")
    SUDDEN = "sudden", _("Thành tích đột xuất")


#: a round's kind → the kind of the awards it gives
AWARD_KIND_OF_ROUND = {RoundKind.YEARLY: AwardKind.MERIT, RoundKind.MIDTERM: AwardKind.THEMATIC,
                       RoundKind.FINAL: AwardKind.THEMATIC, RoundKind.AD_HOC: AwardKind.SUDDEN}


class RevocationReason(models.TextChoices):
    """Why an award is revoked (Luật Thi đua, khen thưởng 2022, chương VII)."""

    FALSE_DECLARATION = "false_declaration", _("Gian dối trong việc kê khai thành tích")
    FALSIFIED_RECORDS = "falsified_records", _("Làm giả hồ sơ, giấy tờ")
    WRONG_PROCEDURE = "wrong_procedure", _("Xét, đề nghị khen thưởng trái pháp luật")


class AwardSource(models.TextChoices):
    DECISION = "decision", _("Quyết định của cơ quan")
    HIGHER = "higher", _("Quyết định của cấp trên")
    IMPORT = "import", _("Nhập từ hồ sơ lưu trữ")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Đã ký")
    PUBLISHED = "published", _("Đã công bố")
    CANCELLED = "cancelled", _("Đã hủy")


DECISION_FLOW = Workflow(DecisionStatus, [
    Edge(DecisionStatus.DRAFT, DecisionStatus.SIGNED, _("Ký quyết định"), by=signer_of_decision,
         style="btn-danger",
         confirm=_("Ký quyết định? Sau khi ký, quyết định bị khóa và các đề nghị trở thành khen thưởng."),
         done=_("Quyết định đã được ký; danh sách khen thưởng đã được ghi vào lịch sử khen thưởng."),
         refused=_("Chỉ Giám đốc, Phó Giám đốc hoặc Văn phòng (ghi nhận việc ký) được ký quyết định.")),
    Edge(DecisionStatus.DRAFT, DecisionStatus.CANCELLED, _("Hủy dự thảo"), by=office_of_decision,
         style="btn-outline-danger", reason=_("Lý do hủy (bắt buộc)"),
         confirm=_("Hủy dự thảo quyết định? Số văn bản đã cấp được giữ lại, ghi là đã hủy."),
         done=_("Đã hủy dự thảo; các đề nghị có thể đưa vào quyết định khác."),
         refused=_("Chỉ Văn phòng được hủy dự thảo quyết định.")),
    Edge(DecisionStatus.SIGNED, DecisionStatus.PUBLISHED, _("Công bố"), by=office_of_decision,
         style="btn-success",
         confirm=_("Công bố quyết định? Danh sách khen thưởng sẽ hiện trên trang vinh danh công khai."),
         done=_("Đã công bố quyết định; bản PDF đã được ký số."),
         refused=_("Chỉ Văn phòng được công bố quyết định.")),
], refused=_("Không thể chuyển quyết định từ “%(current)s” sang “%(target)s”."))
#: what is locked: nothing of a signed or published decision changes
DECISION_LOCKED_STATES = {DecisionStatus.SIGNED, DecisionStatus.PUBLISHED, DecisionStatus.CANCELLED}


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SENT = "sent", _("Đã gửi cấp trên")
    RETURNED = "returned", _("Cấp trên trả lại")
    ACCEPTED = "accepted", _("Cấp trên đã tiếp nhận")
    FORWARDED = "forwarded", _("Đã trình Trung ương")
    DECIDED = "decided", _("Đã có quyết định")


PROPOSAL_FLOW = Workflow(ProposalStatus, [
    Edge(ProposalStatus.DRAFT, ProposalStatus.SENT, _("Gửi cấp trên"), by=office_of_proposal,
         style="btn-primary", confirm=_("Gửi tờ trình cùng danh sách và hồ sơ đến cấp trên?"),
         done=_("Đã gửi tờ trình đề nghị cấp trên khen thưởng."),
         refused=_("Chỉ Văn phòng của cơ quan đề nghị được gửi tờ trình.")),
    Edge(ProposalStatus.RETURNED, ProposalStatus.SENT, _("Gửi lại cấp trên"), by=office_of_proposal,
         style="btn-primary", done=_("Đã gửi lại tờ trình."),
         refused=_("Chỉ Văn phòng của cơ quan đề nghị được gửi tờ trình.")),
    Edge(ProposalStatus.SENT, ProposalStatus.ACCEPTED, _("Tiếp nhận"), by=reviewer_of_proposal,
         style="btn-success", done=_("Đã tiếp nhận tờ trình."),
         refused=_("Chỉ cán bộ thẩm định cấp tỉnh được tiếp nhận tờ trình.")),
    Edge(ProposalStatus.SENT, ProposalStatus.RETURNED, pgettext_lazy("action", "Trả lại"), by=reviewer_of_proposal,
         style="btn-outline-danger", reason=_("Lý do trả lại (bắt buộc)"),
         done=_("Đã trả lại tờ trình cho cơ quan đề nghị, kèm lý do."),
         refused=_("Chỉ cán bộ thẩm định cấp tỉnh được trả lại tờ trình.")),
    Edge(ProposalStatus.ACCEPTED, ProposalStatus.RETURNED, pgettext_lazy("action", "Trả lại"),
         by=reviewer_of_proposal, style="btn-outline-danger", reason=_("Lý do trả lại (bắt buộc)"),
         done=_("Đã trả lại tờ trình cho cơ quan đề nghị, kèm lý do."),
         refused=_("Chỉ cán bộ thẩm định cấp tỉnh được trả lại tờ trình.")),
    Edge(ProposalStatus.ACCEPTED, ProposalStatus.FORWARDED, _("Trình Trung ương"), by=reviewer_of_proposal,
         style="btn-outline-primary", done=_("Đã ghi nhận tỉnh trình Trung ương; chờ quyết định."),
         refused=_("Chỉ cán bộ thẩm định cấp tỉnh được trình Trung ương.")),
    # the decision: recorded (number, date, form, who was awarded) — by the province, or by the agency's Office
    # when the province does not use this system or the central decision arrives
    Edge(ProposalStatus.SENT, ProposalStatus.DECIDED, "", by=records_higher_decision),
    Edge(ProposalStatus.ACCEPTED, ProposalStatus.DECIDED, "", by=records_higher_decision),
    Edge(ProposalStatus.FORWARDED, ProposalStatus.DECIDED, "", by=records_higher_decision),
], refused=_("Không thể chuyển tờ trình từ “%(current)s” sang “%(target)s”."))


# -- public comment (lấy ý kiến nhân dân, issue 11 §4) -----------------------------------------------------------------

class CommentWindowStatus(models.TextChoices):
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã hết hạn lấy ý kiến")


#: a window closes by itself when its last day has passed (never early, never by a click)
COMMENT_WINDOW_FLOW = Workflow(CommentWindowStatus, [
    Edge(CommentWindowStatus.OPEN, CommentWindowStatus.CLOSED, "", by=SYSTEM),
], refused=_("Không thể chuyển đợt lấy ý kiến từ “%(current)s” sang “%(target)s”."))


class CommentTriage(models.TextChoices):
    NEW = "new", _("Chưa xem xét")
    IRRELEVANT = "irrelevant", _("Không liên quan")
    TO_VERIFY = "to_verify", _("Có cơ sở, cần xác minh")
    VERIFIED = "verified", _("Đã xác minh")
