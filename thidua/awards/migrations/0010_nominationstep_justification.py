from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0009_award_search_pattern_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="nominationstep",
            name="justification",
            field=models.TextField(blank=True, verbose_name="giải trình điều kiện chưa đạt"),
        ),
    ]
