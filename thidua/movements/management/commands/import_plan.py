import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Đọc văn bản kế hoạch (DOCX, PDF có lớp chữ, văn bản thường, bản quét OCR) và in đề xuất phong trào."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="In đề xuất dưới dạng JSON")

    def handle(self, *args, file: str, json: bool = False, **options):
        from thidua.movements.extract import DocumentError, extract_text
        from thidua.movements.importing import propose

        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        try:
            extracted = extract_text(path.name, path.read_bytes())
        except DocumentError as exc:
            raise CommandError(str(exc)) from exc
        result = propose(extracted.text)
        proposal = result["proposal"]
        if json:
            self.stdout.write(_json(proposal))
            return
        self.stdout.write(f"Số: {proposal.get('number') or '—'}  Ngày: {proposal.get('issued_on') or '—'}")
        self.stdout.write(f"Phong trào: {proposal.get('movement_name') or '—'}  Giai đoạn: {proposal.get('period')}")
        self.stdout.write(f"Nội dung thi đua: {len(proposal.get('content_items') or [])} mục; "
                          f"mốc thời gian: {len(proposal.get('milestones') or [])}; "
                          f"hình thức khen thưởng: {len(proposal.get('reward_forms') or [])}")
        if result["restored"]:
            self.stdout.write("(Văn bản không dấu: đã khôi phục dấu trước khi phân tích.)")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
