"""Fill the specialty and treatment-form tables from data/taxonomy.yaml."""

from django.db import migrations

from nerveguide.clinics import taxonomy


def fill(apps, schema_editor):
    for model_name, items in (
        ("Specialty", taxonomy.specialties()),
        ("TreatmentForm", taxonomy.treatments()),
    ):
        model = apps.get_model("clinics", model_name)
        for slug, name in items.items():
            model.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("clinics", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
