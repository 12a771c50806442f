"""A spending entry may name the support activity it paid for (a reversal keeps the same activity)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("fund", "0002_list_and_kind_indexes"),
        ("participation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="activity",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="fund_entries", to="participation.activity",
                                    verbose_name="hoạt động được chi"),
        ),
        migrations.AddConstraint(
            model_name="entry",
            constraint=models.CheckConstraint(
                condition=models.Q(("activity__isnull", True), ("kind__in", ["spending", "reversal"]), _connector="OR"),
                name="fund_entry_activity_spending",
            ),
        ),
    ]
