from pathlib import Path

from django.conf import settings
from django.db import migrations, models


def forwards(apps, schema_editor):
    """The generation row, and the folder of every article ingested before folders were recorded.

    Until now only CONTENT_DIR was ingested by the documented commands, so existing articles are
    taken to come from there (the same label `ingest` computes: relative to the checkout).
    """
    apps.get_model("content", "Publication").objects.get_or_create(pk=1)
    content_dir = Path(settings.CONTENT_DIR).resolve()
    try:
        label = content_dir.relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        label = str(content_dir)
    apps.get_model("content", "Article").objects.filter(source_dir="").update(source_dir=label)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Publication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("generation", models.PositiveBigIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="article",
            name="source_dir",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
