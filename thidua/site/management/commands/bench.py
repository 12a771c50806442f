import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Đo các trang chính ở hai quy mô (dữ liệu mẫu, rồi cả tỉnh) trên một cơ sở dữ liệu tạm; in JSON ở dòng cuối."

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=40)
        parser.add_argument("--staff", type=int, default=25000)
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument("--repeat", type=int, default=40)
        parser.add_argument("--import-rows", type=int, default=25000, help="0 để bỏ qua phép đo nhập cán bộ")
        parser.add_argument("--households", type=int, default=60000)
        parser.add_argument("--activities", type=int, default=500000)
        parser.add_argument("--fund-rows", type=int, default=500000)
        parser.add_argument("--nominations", type=int, default=20000)
        parser.add_argument("--votes", type=int, default=200000)
        parser.add_argument("--awards", type=int, default=200000)

    def handle(self, *args, agencies, staff, warmup, repeat, import_rows, households, activities, fund_rows,
               nominations, votes, awards=200000, **options):
        from thidua.site.bench.runner import run

        result = run(agencies=agencies, staff=staff, warmup=warmup, repeat=repeat, import_rows=import_rows,
                     households=households, activities=activities, fund_rows=fund_rows, nominations=nominations,
                     votes=votes, awards=awards, out=self.stdout.write)
        self.stdout.write(json.dumps(result, ensure_ascii=False))
