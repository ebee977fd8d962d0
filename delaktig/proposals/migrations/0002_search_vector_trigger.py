"""Keep the Swedish full-text search vector in PostgreSQL itself, so bulk loads are indexed too.

A trigger fills ``search_vector`` from the title (weight A) and text (weight B) on insert and when the
title or text changes (not on vote counter updates); a GIN index serves search and similarity.
SQLite has no tsvector: there the column stays empty and the selectors search substrings instead.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION proposals_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('swedish', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('swedish', coalesce(NEW.body, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER proposals_search_vector_insert BEFORE INSERT ON proposals_proposal
    FOR EACH ROW EXECUTE FUNCTION proposals_search_vector_update();
CREATE TRIGGER proposals_search_vector_update BEFORE UPDATE OF title, body ON proposals_proposal
    FOR EACH ROW EXECUTE FUNCTION proposals_search_vector_update();
UPDATE proposals_proposal SET title = title;
CREATE INDEX proposals_search_vector_gin ON proposals_proposal USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS proposals_search_vector_gin;
DROP TRIGGER IF EXISTS proposals_search_vector_update ON proposals_proposal;
DROP TRIGGER IF EXISTS proposals_search_vector_insert ON proposals_proposal;
DROP FUNCTION IF EXISTS proposals_search_vector_update();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
