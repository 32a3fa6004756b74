"""Load the default Finnish emission factor library from handprint/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from cityimpact.handprint.services import factor_library_load  # noqa: PLC0415 - migration only

    factor_library_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("handprint", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
