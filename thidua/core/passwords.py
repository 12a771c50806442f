"""Django's password validators with their messages in plain Vietnamese (Django's own catalogue gives English or
odd Vietnamese). The same rules serve the change form, the reset form and the accounts the Office creates."""

from __future__ import annotations

import copy

from django.contrib.auth import password_validation as base
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from .text import fold

#: the user attributes the similarity rule compares, by the name an official knows them
ATTRIBUTE_NAMES = {
    "username": gettext_lazy("tên đăng nhập"),
    "first_name": gettext_lazy("tên của bạn"),
    "last_name": gettext_lazy("họ của bạn"),
    "email": gettext_lazy("địa chỉ thư điện tử"),
}


class MinimumLengthValidator(base.MinimumLengthValidator):
    def get_error_message(self):
        return gettext("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.")

    def get_help_text(self):
        return gettext("Mật khẩu có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(base.UserAttributeSimilarityValidator):
    def validate(self, password, user=None):
        """Django's rule, one attribute at a time so the message can name it, and accent-insensitive: a password
        "nguyenthilan" is as weak for Nguyễn Thị Lan as for Nguyen Thi Lan."""
        if user is not None:
            user = copy.copy(user)
            for attribute in self.user_attributes:
                value = getattr(user, attribute, None)
                if isinstance(value, str):
                    setattr(user, attribute, fold(value))
        for attribute in self.user_attributes:
            single = copy.copy(self)
            single.user_attributes = (attribute,)
            try:
                base.UserAttributeSimilarityValidator.validate(single, password, user)
            except ValidationError:
                raise ValidationError(
                    self.get_error_message(), code="password_too_similar",
                    params={"verbose_name": ATTRIBUTE_NAMES.get(attribute, attribute)},
                ) from None

    def get_error_message(self):
        return gettext("Mật khẩu quá giống %(verbose_name)s.")

    def get_help_text(self):
        return gettext("Mật khẩu không được giống tên, tên đăng nhập hay địa chỉ thư điện tử của bạn.")


class CommonPasswordValidator(base.CommonPasswordValidator):
    def get_error_message(self):
        return gettext("Mật khẩu này quá phổ biến, dễ bị đoán.")

    def get_help_text(self):
        return gettext("Mật khẩu không được là một mật khẩu phổ biến (như 12345678, password).")


class NumericPasswordValidator(base.NumericPasswordValidator):
    def get_error_message(self):
        return gettext("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self):
        return gettext("Mật khẩu không được chỉ gồm chữ số.")
