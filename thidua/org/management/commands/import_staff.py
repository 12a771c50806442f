from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.core.text import fold
from thidua.org.enums import AGENCY_KINDS
from thidua.org.importing import check_file, write_rows
from thidua.org.models import OrgUnit


class Command(BaseCommand):
    help = "Nhập cán bộ từ tệp .xlsx/.csv. In lỗi theo dòng và thoát với mã khác 0 nếu có lỗi; không ghi gì khi có lỗi."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", help="Tên, tên viết tắt hoặc mã cơ quan (bắt buộc khi có nhiều cơ quan)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")

    def _agency(self, text: str | None) -> OrgUnit:
        agencies = list(OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True).order_by("path"))
        if text:
            key = fold(text)
            found = [a for a in agencies if key in {fold(a.name), fold(a.short_name), fold(a.code), str(a.pk)}]
            if len(found) == 1:
                return found[0]
            found = [a for a in agencies if key in fold(a.name)]
            if len(found) == 1:
                return found[0]
            raise CommandError(f"Không xác định được cơ quan \u201c{text}\u201d. Các cơ quan: "
                               + "; ".join(a.name for a in agencies))
        if len(agencies) == 1:
            return agencies[0]
        raise CommandError("Hãy chọn cơ quan bằng --agency. Các cơ quan: " + "; ".join(a.name for a in agencies))

    def handle(self, *args, file: str, agency: str | None, dry_run: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        target = self._agency(agency)
        data = path.read_bytes()
        result = check_file(path.name, data, target)
        for conv in result.conversions[:50]:
            self.stdout.write(f"Dòng {conv['row']}, cột {conv['column']}: {conv['encoding']} "
                              f"\u201c{conv['from']}\u201d → \u201c{conv['to']}\u201d")
        if result.file_error:
            raise CommandError(result.file_error)
        for error in result.errors:
            self.stderr.write(f"Dòng {error['row']}, cột {error['column']}: {error['message']}")
        if result.error_count:
            raise CommandError(f"{result.error_count} lỗi trong {result.total_rows} dòng; không ghi dòng nào.")
        if dry_run:
            self.stdout.write(f"Tệp hợp lệ: {result.total_rows} dòng (chạy thử, không ghi).")
            return
        created = write_rows(result.rows, target, actor=None, filename=path.name)
        self.stdout.write(f"Đã ghi {created} cán bộ vào {target.name}.")
