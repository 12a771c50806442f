"""The Council's forms: a session, its agenda, its members present or absent, the votes and a re-vote."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BoundedModelMultipleChoiceField, DayField
from thidua.core.submission import OneSubmissionMixin
from thidua.core.text import nfc

from .enums import VoteChoice, VoteMode

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("ngày/tháng/năm, vd. 25/01/2026"),
                                                        "inputmode": "numeric"})


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A choice of one row by id that refuses an id outside the database's range before any query."""

    default_error_messages = {"invalid_choice": _("Lựa chọn không hợp lệ: hãy chọn trong danh sách.")}

    def to_python(self, value):
        from thidua.core.db import int_param

        if value not in self.empty_values and int_param(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SessionForm(OneSubmissionMixin, forms.Form):
    agency = BoundedModelChoiceField(label=_("Cơ quan"), queryset=None, empty_label=None,
                                     error_messages={"required": _("Hãy chọn cơ quan.")})
    name = forms.CharField(label=_("Tên phiên họp"), max_length=300,
                           error_messages={"required": _("Hãy nhập tên phiên họp."),
                                           "max_length": _("Tên phiên họp dài quá 300 ký tự.")})
    held_on = DayField(label=_("Ngày họp"), widget=DATE_WIDGET, input_formats=DATE_FORMATS,
                              error_messages={"required": _("Hãy nhập ngày họp."),
                                              "invalid": _("Ngày họp không hợp lệ: hãy nhập ngày/tháng/năm.")})
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False,
                            error_messages={"max_length": _("Địa điểm dài quá 200 ký tự.")})
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"max_length": _("Ghi chú dài quá 2000 ký tự.")})

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk
            self.fields["agency"].widget = forms.HiddenInput()

    def clean_name(self):
        return nfc(self.cleaned_data["name"]).strip()


class AgendaForm(forms.Form):
    nominations = BoundedModelMultipleChoiceField(
        label=_("Đề nghị có hồ sơ hợp lệ"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một đề nghị để đưa ra Hội đồng."),
                        "invalid_choice": _("Đề nghị đã chọn không còn chờ Hội đồng: hãy tải lại trang."),
                        "invalid_pk_value": _("Đề nghị đã chọn không hợp lệ.")})

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations


class ItemForm(forms.Form):
    item = BoundedModelChoiceField(label=_("Đề nghị"), queryset=None, widget=forms.HiddenInput,
                                   error_messages={"required": _("Hãy chọn đề nghị.")})

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = session.items.select_related("nomination", "session")


class PresenceForm(forms.Form):
    member = BoundedModelChoiceField(label=_("Thành viên"), queryset=None, widget=forms.HiddenInput,
                                     error_messages={"required": _("Hãy chọn thành viên.")})
    present = forms.TypedChoiceField(label=_("Có mặt"), choices=[("1", _("có mặt")), ("0", _("vắng mặt"))],
                                     coerce=lambda v: v == "1", widget=forms.HiddenInput,
                                     error_messages={"required": _("Hãy chọn có mặt hoặc vắng mặt."),
                                                     "invalid_choice": _("Hãy chọn có mặt hoặc vắng mặt.")})

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = session.members.all()


class RevoteForm(ItemForm):
    reason = forms.CharField(label=_("Lý do biểu quyết lại"), max_length=300,
                             error_messages={"required": _("Hãy ghi lý do biểu quyết lại."),
                                             "max_length": _("Lý do biểu quyết lại dài quá 300 ký tự.")})


CHOICE_ERRORS = {"required": _("Hãy chọn đồng ý, không đồng ý hoặc không biểu quyết."),
                 "invalid_choice": _("Hãy chọn đồng ý, không đồng ý hoặc không biểu quyết.")}


class VoteForm(ItemForm):
    """A member's own vote on one item (the ballot he saw rides along: a closed one is refused)."""

    ballot = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=10**9,
                                error_messages={"required": _("Lần biểu quyết không hợp lệ: hãy tải lại trang."),
                                                "invalid": _("Lần biểu quyết không hợp lệ: hãy tải lại trang."),
                                                "min_value": _("Lần biểu quyết không hợp lệ: hãy tải lại trang."),
                                                "max_value": _("Lần biểu quyết không hợp lệ: hãy tải lại trang.")})
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=VoteChoice.choices, widget=forms.RadioSelect,
                               error_messages=CHOICE_ERRORS)


class RecordVoteForm(ItemForm):
    """The secretary records a paper ballot of a present member or the written vote of an absent one."""

    member = BoundedModelChoiceField(label=_("Thành viên"), queryset=None,
                                     error_messages={"required": _("Hãy chọn thành viên.")})
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=VoteChoice.choices, error_messages=CHOICE_ERRORS)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=[(VoteMode.PAPER, VoteMode.PAPER.label),
                                                           (VoteMode.WRITTEN, VoteMode.WRITTEN.label)],
                             error_messages={"required": _("Hãy chọn hình thức phiếu."),
                                             "invalid_choice": _("Hãy chọn phiếu giấy hoặc phiếu bằng văn bản.")})

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, session=session, **kwargs)
        self.fields["member"].queryset = session.members.select_related("user", "user__person")
        self.fields["member"].label_from_instance = lambda m: _member_label(m)
        self.fields["item"].widget = forms.Select()
        self.fields["item"].label_from_instance = lambda i: str(i.nomination)


def _member_label(member) -> str:
    from .council import member_name

    state = _("có mặt") if member.present else _("vắng mặt")
    return f"{member_name(member.user)} ({member.get_role_display()}, {state})"
