from django.db import migrations, models


def levels(apps, schema_editor):
    from thidua.movements.catalog import seed_levels

    seed_levels(apps.get_model("movements", "RewardForm"))


class Migration(migrations.Migration):
    dependencies = [("movements", "0007_dissemination_people")]

    operations = [
        migrations.AddField(
            model_name="rewardform", name="level",
            field=models.CharField(choices=[("agency", "Cấp Sở"), ("province", "Cấp tỉnh"), ("state", "Cấp Nhà nước")],
                                   default="agency", max_length=10, verbose_name="cấp khen")),
        migrations.RunPython(levels, migrations.RunPython.noop),
    ]
