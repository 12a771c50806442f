from django.db import migrations


def seed(apps, schema_editor):
    from thidua.movements.catalog import seed_catalog

    seed_catalog(apps.get_model("movements", "RewardForm"))


class Migration(migrations.Migration):
    dependencies = [("movements", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
