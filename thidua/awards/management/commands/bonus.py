"""`thidua bonus --form NAME_OR_CODE --recipient ca-nhan|tap-the|ho-gia-dinh --date DD/MM/YYYY [--json]`: the bonus
of a reward form on a decision's date (issue 10 §2). A contract other programs call: keep the options and the JSON
keys (amount, coefficient, base_salary, regime, basis)."""

import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from thidua.awards.bonus import bonus_for, find_form, money
from thidua.awards.enums import RECIPIENT_SLUGS as RECIPIENTS
from thidua.awards.enums import RecipientKind


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Tra cứu mức tiền thưởng của một hình thức khen thưởng theo ngày quyết định."

    def add_arguments(self, parser):
        parser.add_argument("--form", required=True, help="mã hoặc tên hình thức (không cần dấu)")
        parser.add_argument("--recipient", required=True, help="ca-nhan, tap-the hoặc ho-gia-dinh")
        parser.add_argument("--date", required=True, help="ngày quyết định, DD/MM/YYYY")
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")

    def handle(self, *args, **options):
        try:
            day = dt.datetime.strptime(options["date"].strip(), "%d/%m/%Y").date()
        except ValueError:
            raise CommandError(f"Ngày “{options['date']}” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, "
                               "ví dụ 15/12/2025.") from None
        recipient = RECIPIENTS.get((options["recipient"] or "").strip().lower())
        if recipient is None:
            raise CommandError(f"Đối tượng “{options['recipient']}” không hợp lệ: hãy ghi ca-nhan (cá nhân), tap-the "
                               "(tập thể) hoặc ho-gia-dinh (hộ gia đình).")
        try:
            form = find_form(options["form"])
            bonus = bonus_for(form, recipient, day)
        except ValidationError as error:
            raise CommandError(_messages(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(bonus.as_json(), ensure_ascii=False))
            return
        coefficient = format(bonus.coefficient.normalize(), "f").replace(".", ",")
        salary = (f"mức lương cơ sở {money(bonus.base_salary.amount)} ({bonus.base_salary.legal_basis}, "
                  f"từ {bonus.base_salary.valid_from:%d/%m/%Y})")
        if bonus.multiplier is not None:
            multiplier = format(bonus.multiplier.normalize(), "f").replace(".", ",")
            single = format((bonus.coefficient / bonus.multiplier).normalize(), "f").replace(".", ",")
            how = f"{multiplier} × mức tiền thưởng cá nhân (hệ số {single} × {salary})"
        else:
            how = f"hệ số {coefficient} × {salary}"
        lines = [
            f"Hình thức: {form.name} — {RecipientKind(recipient).label}",
            f"Ngày quyết định: {day:%d/%m/%Y}",
            f"Mức tiền thưởng: {money(bonus.amount)}",
            f"Cách tính: {how}, làm tròn theo chế độ",
            f"Chế độ pháp lý: {bonus.regime.name}",
            f"Căn cứ: {bonus.basis}",
        ]
        self.stdout.write("\n".join(lines))
