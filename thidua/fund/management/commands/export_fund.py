from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Xuất sổ quỹ của một đợt vận động ra tệp XLSX (ghi dần, bộ nhớ không tăng theo số bút toán)."

    def add_arguments(self, parser):
        parser.add_argument("campaign_id", type=int)
        parser.add_argument("file")

    def handle(self, *args, campaign_id: int, file: str, **options):
        from thidua.fund.export import write_ledger
        from thidua.fund.models import Campaign, Entry

        campaign = Campaign.objects.select_related("agency", "ledger").filter(pk=campaign_id).first()
        if campaign is None:
            raise CommandError(f"Không có đợt vận động số {campaign_id}.")
        with Path(file).open("wb") as out:
            rows = write_ledger(campaign, Entry.objects.filter(campaign=campaign), out, totals=campaign.ledger)
        self.stdout.write(f"Đã xuất {rows} bút toán của \u201c{campaign.name}\u201d vào {file}.")
