from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo cơ sở dữ liệu, nạp dữ liệu mẫu (nếu chưa có), in các tài khoản mẫu rồi chạy máy chủ."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Chỉ nạp dữ liệu, không chạy máy chủ")

    def handle(self, *args, host: str, port: int, no_serve: bool, **options):
        from thidua.org.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
        from thidua.site.demo import load_all

        call_command("migrate", interactive=False, verbosity=0)
        if load_all(out=lambda *a: None):
            self.stdout.write("Đã nạp dữ liệu mẫu: tỉnh Cao Bằng, Sở Giao thông vận tải và các cơ quan khác, "
                              "Kế hoạch 2679 và những gì các đơn vị đã làm theo kế hoạch.")
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn.")
        self.stdout.write(f"\nTài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, description in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {description}")
        self.stdout.write("")
        if not no_serve:
            call_command("serve", host=host, port=port)
