from thidua.fund import services
from thidua.fund.models import Campaign, Entry, Ledger
from thidua.fund.synth import synth_fund
from thidua.org.synth import synth


def test_synthetic_ledgers_are_numbered_and_balanced(db):
    synth(agencies=2, staff=60, out=lambda *a: None)
    result = synth_fund(rows=600, out=lambda *a: None)
    assert result["campaigns"] == 2 and result["entries"] == 600
    for campaign in Campaign.objects.filter(agency__code__startswith="SYN-"):
        assert services.mismatches(campaign) == []
        ledger = Ledger.objects.get(campaign=campaign)
        numbers = sorted(Entry.objects.filter(campaign=campaign, number__isnull=False).values_list("number", flat=True))
        assert numbers == list(range(1, ledger.last_number + 1))
        assert ledger.entry_count == Entry.objects.filter(campaign=campaign).count()
        assert ledger.balance >= 0
    assert synth_fund(rows=100, out=lambda *a: None)["campaigns"] == 0  # once only
