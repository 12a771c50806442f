"""`thidua bonus --form NAME_OR_CODE --recipient ca-nhan|tap-the|ho-gia-dinh --date DD/MM/YYYY [--json]`: the bonus
of a reward form on a decision's date (issue 10 §2). A contract other programs call: keep the options and the JSON
keys (amount, coefficient, base_salary, regime, basis)."""

import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.awards.bonus import bonus_for, coefficient_label, find_form, money
from thidua.awards.enums import RECIPIENT_SLUGS as RECIPIENTS
from thidua.awards.enums import RecipientKind
from thidua.core.forms import impossible_day


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


class Command(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse needs real strings: translated when the command runs, not when it is imported
        self.help = _("Tra cứu mức tiền thưởng của một hình thức khen thưởng theo ngày quyết định.")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--form", required=True, help=_("mã hoặc tên hình thức (không cần dấu)"))
        parser.add_argument("--recipient", required=True, help=_("ca-nhan, tap-the hoặc ho-gia-dinh"))
        parser.add_argument("--date", required=True, help=_("ngày quyết định, DD/MM/YYYY"))
        parser.add_argument("--json", action="store_true", help=_("in một đối tượng JSON"))

    def handle(self, *args, **options):
        try:
            day = dt.datetime.strptime(options["date"].strip(), "%d/%m/%Y").date()
        except ValueError:
            impossible = impossible_day(options["date"])
            if impossible:  # "31/02/2025": the right shape, a day that does not exist
                raise CommandError(impossible) from None
            raise CommandError(_("Ngày “%(day)s” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 15/12/2025.")
                               % {"day": options["date"]}) from None
        recipient = RECIPIENTS.get((options["recipient"] or "").strip().lower())
        if recipient is None:
            raise CommandError(_("Đối tượng “%(recipient)s” không hợp lệ: hãy ghi ca-nhan (cá nhân), tap-the (tập thể) "
                                 "hoặc ho-gia-dinh (hộ gia đình).") % {"recipient": options["recipient"]})
        try:
            form = find_form(options["form"])
            bonus = bonus_for(form, recipient, day)
        except ValidationError as error:
            raise CommandError(_messages(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(bonus.as_json(), ensure_ascii=False))
            return
        salary = _("mức lương cơ sở %(amount)s (%(basis)s, từ %(since)s)") % {
            "amount": money(bonus.base_salary.amount), "basis": bonus.base_salary.legal_basis,
            "since": f"{bonus.base_salary.valid_from:%d/%m/%Y}"}
        if bonus.multiplier is not None:
            how = _("%(multiplier)s × mức tiền thưởng cá nhân (hệ số %(single)s × %(salary)s)") % {
                "multiplier": coefficient_label(bonus.multiplier), "single": coefficient_label(bonus.coefficient / bonus.multiplier),
                "salary": salary}
        else:
            how = _("hệ số %(coefficient)s × %(salary)s") % {"coefficient": coefficient_label(bonus.coefficient),
                                                            "salary": salary}
        lines = [
            _("Hình thức: %(form)s — %(recipient)s") % {"form": form.name, "recipient": RecipientKind(recipient).label},
            _("Ngày quyết định: %(on)s") % {"on": f"{day:%d/%m/%Y}"},
            _("Mức tiền thưởng: %(amount)s") % {"amount": money(bonus.amount)},
            _("Cách tính: %(how)s, làm tròn theo chế độ") % {"how": how},
            _("Chế độ pháp lý: %(regime)s") % {"regime": bonus.regime.name},
            _("Căn cứ: %(basis)s") % {"basis": bonus.basis},
        ]
        self.stdout.write("\n".join(lines))
