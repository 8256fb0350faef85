from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The finder's covering index: the bounding-box ranges on lat/lon, the yes/no filters and
    everything the ranking needs, so a radius search reads no table rows (docs/benchmarks.md)."""

    dependencies = [
        ("clinics", "0002_taxonomy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="clinic", name="clinic_lat_lon"),
        migrations.AddIndex(
            model_name="clinic",
            index=models.Index(
                fields=[
                    "lat",
                    "lon",
                    "ydernummer",
                    "wheelchair",
                    "video",
                    "open_evenings",
                    "open_weekends",
                    "review_count",
                    "rating_sum",
                    "id",
                ],
                name="clinic_search_v2",
            ),
        ),
    ]
