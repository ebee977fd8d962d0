"""Refuse two overlapping meetings of one council inside PostgreSQL itself (the service checks everywhere).

An exclusion constraint over (council, [starts_at, ends_at)) needs btree_gist for the equality on the
council id; it is a trusted extension, so the database owner may create it. SQLite skips this step.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE councils_meeting ADD CONSTRAINT councils_meeting_no_overlap
    EXCLUDE USING gist (council_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&);
"""
DROP = "ALTER TABLE councils_meeting DROP CONSTRAINT IF EXISTS councils_meeting_no_overlap;"


def create_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=())


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=())


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_councils_rulebooks_members_meetings_matters")]

    operations = [migrations.RunPython(create_constraint, drop_constraint)]
