"""`thidua eligibility FILE.json [--json]`: the eligibility rules on candidates given as data, without the database
(issue 11 §3). The file's format and the --json output are a contract: see thidua/awards/eligibility/jsonfile.py
and the README."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.awards.eligibility import evaluate
from thidua.awards.eligibility.jsonfile import FileErrors, as_json, read
from thidua.awards.eligibility.report import text


class Command(BaseCommand):
    #: no system checks: they would read the database's settings; the command never touches the database
    requires_system_checks = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse needs real strings: translated when the command runs, not when it is imported
        self.help = _("Xét điều kiện khen thưởng của các ứng viên trong một tệp JSON, kèm căn cứ pháp lý (không dùng "
                      "cơ sở dữ liệu).")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("tệp JSON có danh sách ứng viên “candidates”"))
        parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            content = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(_("Không đọc được tệp “%(path)s”: %(error)s") % {"path": path, "error": error}) from None
        try:
            candidates = read(content)
        except FileErrors as errors:
            raise CommandError("\n".join(errors.messages)) from None
        pairs = [(candidate, evaluate(candidate)) for candidate in candidates]
        if options["json"]:
            self.stdout.write(json.dumps(as_json(pairs), ensure_ascii=False, indent=1))
        else:
            self.stdout.write(text(pairs))
