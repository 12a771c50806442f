from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web (waitress) với các việc nền chạy trong cùng tiến trình ở chế độ demo."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host: str, port: int, threads: int, **options):
        from waitress import serve

        from thidua.core import jobs
        from thidua.core.heap import freeze_startup_heap
        from thidua.core.middleware import waitress_options
        from thidua.wsgi import application

        if settings.JOBS_MODE == "thread":
            jobs.start_thread_runner()
        else:
            jobs.recover_abandoned()  # jobs whose process died while this server was down
        freeze_startup_heap()  # what importing the application built stays out of full collections
        self.stdout.write(f"Thi Đua đang chạy tại http://{host}:{port}/  (Ctrl+C để dừng)")
        serve(application, host=host, port=port, threads=threads, ident="thidua", _quiet=True,
              **waitress_options(settings.TRUSTED_PROXIES, settings.MAX_REQUEST_BYTES))
