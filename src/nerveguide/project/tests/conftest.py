import pytest
from django.conf import settings

from nerveguide.content.ingest import ingest_directory
from nerveguide.danish.places import read_postcodes


@pytest.fixture
def ingested(db):
    """The built-in articles, published."""
    report = ingest_directory(settings.CONTENT_DIR)
    assert report.errors == 0


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_clinic(db):
    """A clinic, made through the import as the clinics app's tests do."""
    from nerveguide.clinics import services
    from nerveguide.clinics.models import Clinic

    services.load_postcodes(read_postcodes())
    services.sync_taxonomy()

    def make(slug):
        row = {
            "slug": slug,
            "name": f"Klinik {slug}",
            "address": "Testvej 1",
            "postcode": "8000",
            "specialties": "nerve-rodsmerter",
            "treatments": "manuel-terapi",
        }
        report = services.import_rows([(2, row)])
        assert not report.errors, report.errors
        return Clinic.objects.get(slug=slug)

    return make
