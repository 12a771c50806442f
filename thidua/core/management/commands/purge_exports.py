from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Xóa các tệp xuất (MEDIA_ROOT/exports) đã quá thời hạn lưu (THIDUA_EXPORT_RETENTION_HOURS, mặc định 24 giờ)."

    def handle(self, *args, **options):
        from thidua.core.exports import purge_expired

        removed = purge_expired()
        self.stdout.write(f"Đã xóa {removed} tệp xuất quá {settings.EXPORT_RETENTION_HOURS} giờ.")
