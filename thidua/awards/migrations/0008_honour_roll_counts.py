"""The public honour roll's index reads kept counts (HonourRollCount, issue 10 speed) instead of counting every
award: the table, filled from the awards that stand."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q


def fill(apps, schema_editor):
    """What `honour.refresh_roll` computes, for every movement and year at once: the awards of published decisions
    or of recorded higher decisions that stand (`scoping.public_awards`, written again on the historical models)."""
    Award = apps.get_model("awards", "Award")
    HonourRollCount = apps.get_model("awards", "HonourRollCount")
    rows = (Award.objects.filter(Q(decision__status="published") | Q(higher_decision__isnull=False),
                                 revoked_on__isnull=True, movement__isnull=False)
            .order_by().values_list("movement_id", "year", "recipient").annotate(n=Count("id")))
    HonourRollCount.objects.bulk_create([HonourRollCount(movement_id=m, year=y, recipient=r, count=n)
                                         for m, y, r, n in rows], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0007_revocation'),
        ('movements', '0008_forwarding_reward_form_level'),
    ]

    operations = [
        migrations.CreateModel(
            name='HonourRollCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('recipient', models.CharField(choices=[('individual', 'Cá nhân'), ('collective', 'Tập thể'), ('household', 'Hộ gia đình')], max_length=12)),
                ('count', models.PositiveIntegerField()),
                ('movement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='movements.movement')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('movement', 'year', 'recipient'), name='honour_count_unique')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
