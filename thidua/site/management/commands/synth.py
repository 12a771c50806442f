from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Thêm dữ liệu tổng hợp quy mô tỉnh (tất định theo seed) vào cơ sở dữ liệu hiện tại."

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=40)
        parser.add_argument("--staff", type=int, default=25000)
        parser.add_argument("--seed", type=int, default=2679)
        parser.add_argument("--households", type=int, default=60000)
        parser.add_argument("--activities", type=int, default=100000)
        parser.add_argument("--fund-rows", type=int, default=400000)
        parser.add_argument("--nominations", type=int, default=20000)
        parser.add_argument("--votes", type=int, default=200000)
        parser.add_argument("--awards", type=int, default=200000,
                            help="số khen thưởng trong lịch sử khen thưởng (quyết định và hồ sơ lưu trữ nhập vào)")

    def handle(self, *args, agencies: int, staff: int, seed: int, households: int, activities: int, fund_rows: int,
               nominations: int, votes: int, awards: int = 200000, **options):
        from django.core.management import call_command

        from thidua.org.synth import SynthRefused, synth

        call_command("migrate", interactive=False, verbosity=0)
        try:
            result = synth(agencies=agencies, staff=staff, seed=seed, out=self.stdout.write)
        except SynthRefused as exc:
            raise CommandError(str(exc)) from exc
        from thidua.movements.synth import synth_movements

        synth_movements(out=self.stdout.write)
        from thidua.fund.synth import synth_fund
        from thidua.participation.synth import synth_participation

        synth_participation(households=households, activities=activities, out=self.stdout.write)
        synth_fund(rows=fund_rows, out=self.stdout.write)
        from thidua.awards.synth import synth_awards

        synth_awards(nominations=nominations, votes=votes, awards=awards, seed=seed, out=self.stdout.write)
        self.stdout.write(
            f"Đã thêm {result['agencies']} cơ quan, {result['units']} đơn vị, {result['people']} cán bộ "
            f"trong {result['seconds']:.1f} s."
        )
