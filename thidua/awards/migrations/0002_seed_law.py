from django.db import migrations


def seed(apps, schema_editor):
    from thidua.awards.seed import seed_law

    seed_law(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("movements", "0002_reward_form_catalog")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
