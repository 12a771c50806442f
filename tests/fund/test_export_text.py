import io

import openpyxl

from thidua.fund import services
from thidua.fund.export import write_ledger

from .conftest import DAY


def test_the_ledger_export_writes_a_formula_typed_in_a_contribution_as_text(world, campaign):
    services.record_contribution(campaign, actor=world.users["vanphong"], person=world.people["canbo"],
                                 amount=100_000, entry_date=DAY, method="cash",
                                 description="=HYPERLINK(\"http://x.example/\",\"Xem\")")
    services.record_contribution(campaign, actor=world.users["vanphong"], person=world.people["canbo"],
                                 amount=50_000, entry_date=DAY, method="cash", description="@SUM(1+1)")
    out = io.BytesIO()
    assert write_ledger(campaign, campaign.entries.all(), out) == 2
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=@"]
    assert sorted(c.value for c in cells) == ["=HYPERLINK(\"http://x.example/\",\"Xem\")", "@SUM(1+1)"]
    assert {c.data_type for c in cells} == {"s"}
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
