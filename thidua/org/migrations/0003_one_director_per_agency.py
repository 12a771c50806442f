"""One Giám đốc per agency at a time: a partial unique index on the active director grants.

Should a database hold two active director grants on one unit (possible before this rule), the most recent one
is kept and the older ones are revoked, so that the index can be built; the role list shows them as revoked."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def revoke_older_directors(apps, schema_editor):
    RoleGrant = apps.get_model("org", "RoleGrant")
    seen = set()
    for grant in RoleGrant.objects.filter(role="director", is_active=True).order_by("unit_id", "-granted_at", "-id"):
        if grant.unit_id in seen:
            grant.is_active = False
            grant.revoked_at = timezone.now()
            grant.save(update_fields=["is_active", "revoked_at"])
        seen.add(grant.unit_id)


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0002_person_name_keys'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(revoke_older_directors, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='rolegrant',
            constraint=models.UniqueConstraint(condition=models.Q(('is_active', True), ('role', 'director')), fields=('unit',), name='one_active_director_per_unit'),
        ),
    ]
