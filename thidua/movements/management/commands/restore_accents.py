from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "In văn bản đã khôi phục dấu tiếng Việt của một tệp (văn bản quét OCR mất dấu)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        from thidua.movements.accents import restore
        from thidua.movements.extract import DocumentError, extract_text

        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        try:
            text = extract_text(path.name, path.read_bytes()).text
        except DocumentError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(restore(text))
