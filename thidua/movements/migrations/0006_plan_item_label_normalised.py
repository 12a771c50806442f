"""Item labels stored as the page shows them before its ")": "a)" typed by hand became "a))" on the page."""

from django.db import migrations


def normalise(apps, schema_editor):
    PlanItem = apps.get_model("movements", "PlanItem")
    for item in PlanItem.objects.all().only("id", "label").iterator():
        label = (item.label or "").strip().strip("().:").strip()
        if label != item.label:
            PlanItem.objects.filter(pk=item.pk).update(label=label)


class Migration(migrations.Migration):
    dependencies = [("movements", "0005_criterion_decimal_weight")]
    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
