import pytest

from nerveguide.clinics import geo, services
from nerveguide.danish.places import read_postcodes


@pytest.fixture
def postcodes(db):
    services.load_postcodes(read_postcodes())
    services.sync_taxonomy()


@pytest.fixture
def demo_clinics(postcodes):
    services.load_demo(60)


@pytest.fixture
def make_clinic(postcodes):
    """A clinic from an import row, with sensible defaults for the fields a test does not care about."""
    from nerveguide.clinics.models import Clinic

    def make(slug, **fields):
        postcode = "8000"
        if (
            "lat" in fields and "postcode" not in fields
        ):  # the import wants a postcode near the coordinates
            nearest = min(
                read_postcodes(),
                key=lambda p: geo.haversine_km(
                    float(fields["lat"]), float(fields["lon"]), p.lat, p.lon
                ),
            )
            postcode = f"{nearest.first:04d}"
        row = {
            "slug": slug,
            "name": f"Klinik {slug}",
            "address": "Testvej 1",
            "postcode": postcode,
            "specialties": "nerve-rodsmerter",
            "treatments": "manuel-terapi",
            **fields,
        }
        report = services.import_rows([(2, row)])
        assert not report.errors, report.errors
        return Clinic.objects.get(slug=slug)

    return make


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The default hasher is slow on purpose; tests only need logins to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_tag_cache():
    # Test databases are rebuilt between tests, so ids from an earlier test must not be reused.
    from nerveguide.clinics.models import forget_tags

    forget_tags()
    yield
    forget_tags()
