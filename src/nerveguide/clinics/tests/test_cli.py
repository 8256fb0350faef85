"""`nerveguide clinics import/export/load-postcodes/demo` against the test database."""

import csv
import io
import json

import pytest

from nerveguide.cli import main
from nerveguide.clinics import rows
from nerveguide.clinics.models import Clinic, Postcode

HEADER = ",".join(rows.COLUMNS)


def csv_file(tmp_path, lines):
    path = tmp_path / "klinikker.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def line(**values):
    return ",".join(str(values.get(column, "")) for column in rows.COLUMNS)


def output_lines(capsys):
    return [json.loads(text) for text in capsys.readouterr().out.splitlines() if text.strip()]


@pytest.fixture
def good_and_bad(tmp_path):
    return csv_file(
        tmp_path,
        [
            line(
                slug="nord",
                name="Nord Fysioterapi",
                address="Nordvej 1",
                postcode="9000",
                specialties="iskias",
                ydernummer="ja",
                man="08:00-16:00",
            ),
            line(slug="syd", name="Syd Fysioterapi", address="Sydvej 2", postcode="0999"),
            line(
                slug="midt",
                name="Midt Fysioterapi",
                address="Midtvej 3",
                postcode="8000",
                phone="12",
            ),
            line(
                slug="vest",
                name="Vest Fysioterapi",
                address="Vestvej 4",
                postcode="6700",
                lat="55.47",
                lon="8.45",
            ),
        ],
    )


@pytest.mark.django_db(transaction=True)
def test_import_reports_bad_rows_and_loads_good_ones(postcodes, good_and_bad, capsys):
    assert main(["clinics", "import", str(good_and_bad)]) == 1
    out = output_lines(capsys)
    errors, summary = out[:-1], out[-1]
    assert [(e["line"], e["slug"]) for e in errors] == [(3, "syd"), (4, "midt")]
    assert "postcode" in errors[0]["errors"][0] and "phone" in errors[1]["errors"][0]
    assert summary == {"created": 2, "updated": 0, "failed": 2}
    assert set(Clinic.objects.values_list("slug", flat=True)) == {"nord", "vest"}
    nord = Clinic.objects.get(slug="nord")
    assert (
        nord.town == "Aalborg"
        and nord.ydernummer
        and [s.slug for s in nord.specialties.all()] == ["iskias"]
    )


@pytest.mark.django_db(transaction=True)
def test_reimport_updates_and_never_duplicates(postcodes, good_and_bad, capsys):
    main(["clinics", "import", str(good_and_bad)])
    main(["clinics", "import", str(good_and_bad)])
    assert output_lines(capsys)[-1] == {"created": 0, "updated": 2, "failed": 2}
    assert Clinic.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_json_import_reports_line_numbers(postcodes, tmp_path, capsys):
    path = tmp_path / "klinikker.json"
    path.write_text(
        json.dumps(
            [
                {
                    "slug": "a",
                    "name": "A",
                    "address": "Vej 1",
                    "postcode": "5000",
                    "specialties": ["iskias", "nakke"],
                },
                {"slug": "b", "name": "", "address": "Vej 2", "postcode": "5000"},
            ],
            indent=2,
        ),
        encoding="utf-8",
    )
    assert main(["clinics", "import", str(path)]) == 1
    out = output_lines(capsys)
    assert out[0]["slug"] == "b" and out[0]["line"] == 12 and out[0]["errors"] == ["name: mangler"]
    assert Clinic.objects.get(slug="a").specialties.count() == 2


@pytest.mark.django_db(transaction=True)
def test_duplicate_slug_in_one_file(postcodes, tmp_path, capsys):
    path = csv_file(
        tmp_path,
        [
            line(slug="x", name="X", address="V 1", postcode="8000"),
            line(slug="x", name="X2", address="V 2", postcode="8000"),
        ],
    )
    main(["clinics", "import", str(path)])
    assert "linje 2" in output_lines(capsys)[0]["errors"][0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_round_trips(postcodes, good_and_bad, tmp_path, capsys, fmt):
    main(["clinics", "import", str(good_and_bad)])
    capsys.readouterr()
    exported = tmp_path / f"export.{fmt}"
    assert main(["clinics", "export", "--format", fmt, "--output", str(exported)]) == 0
    before = {c.slug: (c.name, c.lat, c.opening_hours, c.ydernummer) for c in Clinic.objects.all()}
    Clinic.objects.all().delete()
    assert main(["clinics", "import", str(exported)]) == 0
    assert output_lines(capsys)[-1] == {"created": 2, "updated": 0, "failed": 0}
    after = {c.slug: (c.name, c.lat, c.opening_hours, c.ydernummer) for c in Clinic.objects.all()}
    assert after == before


@pytest.mark.django_db(transaction=True)
def test_export_csv_to_stdout(postcodes, good_and_bad, capsys):
    main(["clinics", "import", str(good_and_bad)])
    capsys.readouterr()
    main(["clinics", "export"])
    exported = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["slug"] for r in exported] == ["nord", "vest"]
    assert exported[0]["ydernummer"] == "ja" and exported[0]["specialties"] == "iskias"


@pytest.mark.django_db(transaction=True)
def test_load_postcodes_and_demo_are_idempotent(capsys):
    assert main(["clinics", "load-postcodes"]) == 0
    assert main(["clinics", "load-postcodes"]) == 0
    out = output_lines(capsys)
    assert out[0]["postcodes_created"] > 500 and out[1]["postcodes_created"] == 0
    ranges = Postcode.objects.get(first=1000)
    assert (ranges.last, ranges.town) == (1499, "København K")
    assert main(["clinics", "demo", "--count", "20"]) == 0
    assert main(["clinics", "demo", "--count", "20"]) == 0
    first, second = output_lines(capsys)
    assert (
        first["clinics_created"] == 20
        and second["clinics_created"] == 0
        and second["reviews_created"] == 0
    )
    assert Clinic.objects.filter(is_demo=True).count() == 20


@pytest.mark.django_db(transaction=True)
def test_csv_export_defuses_spreadsheet_formulas(postcodes, good_and_bad, capsys):
    """Regression: a clinic named '=HYPERLINK(...)' was exported as a live formula."""
    main(["clinics", "import", str(good_and_bad)])
    Clinic.objects.update(name='=HYPERLINK("http://example.invalid","Klik")')
    capsys.readouterr()
    assert main(["clinics", "export", "--format", "csv"]) == 0
    exported = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert exported and all(row["name"].startswith("'=") for row in exported)
