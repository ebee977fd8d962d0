"""Refuse UPDATE and DELETE on the inventory's status and responsibility history inside PostgreSQL itself."""

from django.db import migrations

TABLES = ["inventory_statuschange", "inventory_responsibilitychange"]
FUNCTION = """
CREATE OR REPLACE FUNCTION inventory_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '%% is append-only: %% refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION inventory_history_append_only();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=())
        for table in TABLES:
            schema_editor.execute(TRIGGER.format(table=table), params=())


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};", params=())
        schema_editor.execute("DROP FUNCTION IF EXISTS inventory_history_append_only();", params=())


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
