"""The Office's inbox filters a nomination's agency and status and sorts by when it was sent: an index for it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0004_history_awards"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="nomination",
            index=models.Index(fields=["agency", "submitted_at", "id"], name="nomination_inbox_idx",
                               condition=models.Q(status__in=["submitted", "accepted"])),
        ),
    ]
