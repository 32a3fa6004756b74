"""A GIN index for full-text search of initiatives. PostgreSQL only: SQLite searches the
folded search_text column instead, and has no GIN indexes."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS portfolio_initiative_search_gin "
            "ON portfolio_initiative USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS portfolio_initiative_search_gin")


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
