from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Xử lý các việc nền (nhập dữ liệu, tạo văn bản...) từ cơ sở dữ liệu. Dùng với THIDUA_JOBS_MODE=worker."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Chạy các việc đang chờ rồi thoát")
        parser.add_argument("--poll", type=float, default=1.0)

    def handle(self, *args, once: bool, poll: float, **options):
        from thidua.core import jobs

        if once:
            done = jobs.run_pending()
            self.stdout.write(f"Đã xử lý {done} việc.")
            return
        self.stdout.write("Đang chờ việc nền... (Ctrl+C để dừng)")
        jobs.work_forever(poll)
