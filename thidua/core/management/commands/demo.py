from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo cơ sở dữ liệu, nạp dữ liệu mẫu (nếu chưa có), in các tài khoản mẫu rồi chạy máy chủ."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Chỉ nạp dữ liệu, không chạy máy chủ")

    def handle(self, *args, host: str, port: int, no_serve: bool, **options):
        from thidua.org.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo

        call_command("migrate", interactive=False, verbosity=0)
        if load_demo(out=lambda *a: None):
            self.stdout.write("Đã nạp dữ liệu mẫu: tỉnh Cao Bằng, Sở Giao thông vận tải và các cơ quan khác.")
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn.")
        from thidua.movements.demo import load_movements_demo
        from thidua.org.models import OrgUnit

        agency = OrgUnit.objects.filter(name="Sở Giao thông vận tải tỉnh Cao Bằng").first()
        if agency is not None:
            load_movements_demo(agency, out=self.stdout.write)
            from thidua.movements.demo import load_regular_movements
            from thidua.org.enums import AGENCY_KINDS

            load_regular_movements(OrgUnit.objects.filter(kind__in=AGENCY_KINDS).exclude(code__startswith="SYN-")
                                   .order_by("path"), out=lambda *a: None)
            from thidua.participation.registrations.demo import load_registrations_demo

            load_registrations_demo(agency, out=lambda *a: None)
            from thidua.fund.demo import load_fund_demo
            from thidua.movements.models import Movement
            from thidua.participation.demo import load_participation_demo

            plan = Movement.objects.filter(code="vi-nguoi-ngheo-2021-2025").first()
            load_participation_demo(agency, plan, out=lambda *a: None)
            load_fund_demo(agency, plan, out=lambda *a: None)
        self.stdout.write(f"\nTài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, description in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {description}")
        self.stdout.write("")
        if not no_serve:
            call_command("serve", host=host, port=port)
