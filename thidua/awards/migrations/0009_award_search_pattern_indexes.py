"""The award history's search (issue 10 speed) looks names and decision numbers up from their start (`LIKE 'x%'`).
PostgreSQL uses a B-tree index for that only under the C collation, or with a pattern operator class; Django makes
one only for a field's own `db_index`, not for `Meta.indexes`. So, on PostgreSQL alone, the two pattern indexes
(SQLite needs none: `core.db.startswith_q` turns a prefix into a range there)."""

from django.db import migrations

INDEXES = {
    "award_search_like": "search_key varchar_pattern_ops",
    "award_number_like": "decision_number varchar_pattern_ops",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON awards_award ({column})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0008_honour_roll_counts"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
