"""Load the 17 goals, 169 targets and the global indicators from sdg/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from cityimpact.sdg.services.framework import sdg_framework_load  # noqa: PLC0415 - migration-time only

    sdg_framework_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("sdg", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
