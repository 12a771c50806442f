"""The import of past awards (the agency's records from before the system) into the award history."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.core.importflow import ImportBatch


class AwardImport(ImportBatch):
    """An uploaded file of past awards: checked, previewed, written only when clean and confirmed (all or nothing)."""

    subject = "khen thưởng"

    class Meta(ImportBatch.Meta):
        verbose_name = _("lần nhập lịch sử khen thưởng")
        verbose_name_plural = _("các lần nhập lịch sử khen thưởng")
