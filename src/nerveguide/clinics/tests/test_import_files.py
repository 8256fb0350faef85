"""Issue 13 and issue 10: clinic import files as they really arrive (Danish directory exports,
hostile bytes), and one validator for import and the owner's form. Small files made here."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nerveguide.cli import main
from nerveguide.clinics import rows
from nerveguide.clinics.models import Clinic

DANISH_HEADER = "klinikNavn,adresse,postnummer,by,tlf,email,website"


def output(capsys):
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return [json.loads(text) for text in captured.out.splitlines() if text.strip()], captured.err


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


# --- columns ----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_danish_directory_export_imports_with_header_aliases(postcodes, tmp_path, capsys):
    path = write(
        tmp_path,
        "export.csv",
        f"{DANISH_HEADER}\n"
        "Alpha Fys,Algade 1,8000,Aarhus C,86 12 34 56,info@alpha.dk,www.alpha.dk\n"
        "Beta Fys,Bvej 2,DK-9000,Aalborg,,,\n",
    )
    assert main(["clinics", "import", path]) == 0
    out, _ = output(capsys)
    assert out == [{"created": 2, "updated": 0, "failed": 0}]
    alpha = Clinic.objects.get(name="Alpha Fys")
    assert (alpha.address, alpha.postcode, alpha.phone, alpha.email, alpha.website) == (
        "Algade 1",
        "8000",
        "86123456",
        "info@alpha.dk",
        "https://www.alpha.dk",
    )
    assert Clinic.objects.get(name="Beta Fys").postcode == "9000"


@pytest.mark.django_db(transaction=True)
def test_unknown_column_is_reported_once_and_nothing_is_imported(postcodes, tmp_path, capsys):
    path = write(tmp_path, "x.csv", f"{DANISH_HEADER},cvr\n" + "A,Vej 1,8000,,,,,123\n" * 5)
    assert main(["clinics", "import", path]) == 2
    out, err = output(capsys)
    assert out == [
        {
            "file": path,
            "errors": [
                "ukendt kolonne 'cvr': omdøb den til en af vores kolonner (se docs/clinics.md) eller slet den"
            ],
        }
    ]
    assert err.count("cvr") == 1
    assert Clinic.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_missing_column_says_mangler_not_four_digits(postcodes, tmp_path, capsys):
    path = write(tmp_path, "x.csv", "klinikNavn,adresse,by\nA,Vej 1,Aarhus\nB,Vej 2,Aalborg\n")
    assert main(["clinics", "import", path]) == 2
    out, _ = output(capsys)
    assert out == [
        {
            "file": path,
            "errors": [
                "kolonnen 'postcode' mangler (kan også hedde postnummer, postnr, zip, zipcode)"
            ],
        }
    ]
    assert "4 cifre" not in json.dumps(out, ensure_ascii=False)


def test_column_map_reports_two_columns_for_one_field():
    mapping = rows.map_columns(["navn", "klinikNavn", "adresse", "postnr"])
    assert mapping.problems == [
        "kolonnerne 'navn' og 'klinikNavn' betyder begge 'name'; slet den ene"
    ]


def test_export_names_always_work():
    assert rows.map_columns(rows.COLUMNS).problems == []


@pytest.mark.django_db(transaction=True)
def test_json_keys_are_checked_once_for_the_file(postcodes, tmp_path, capsys):
    rows_ = [
        {"navn": "A", "adresse": "Vej 1", "postnr": "8000", "farve": "blå"},
        {"navn": "B", "adresse": "Vej 2", "postnr": "8000", "farve": "rød"},
    ]
    path = write(tmp_path, "x.json", json.dumps(rows_))
    assert main(["clinics", "import", path]) == 2
    out, _ = output(capsys)
    assert len(out) == 1 and out[0]["errors"][0].startswith("ukendt kolonne 'farve'")


# --- hostile values: one row fails, the others load ----------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "bad_row, reason",
    [
        (
            b"Bad,Vej \x00 2,8000,,,,",
            "address: indeholder et styretegn (U+0000), som ikke kan gemmes",
        ),
        (
            b"Bad,Vej \xff 2,8000,,,,",
            "address: indeholder et tegn, der ikke er gyldig UTF-8 (U+DCFF; gem filen som UTF-8), som ikke kan gemmes",
        ),
        (
            b"Bad,Vej 2,\xd9\xa8\xd9\xa0\xd9\xa0\xd9\xa0,,,,",
            "postcode: '\u0668\u0660\u0660\u0660' er ikke et postnummer (et postnummer har 4 cifre, fx 8000 eller DK-8000)",
        ),
        (b"Bad,Vej 2,8000,,\xc2\xb22345678,,", "phone: et dansk telefonnummer har 8 cifre"),
        (
            b"Bad,Vej 2,8000,,,x@y,",
            "email: 'x@y' er ikke en gyldig e-mailadresse (fx info@klinik.dk)",
        ),
        (
            b"Bad,Vej 2,8000,,,,javascript:alert(1)",
            "website: 'javascript:alert(1)': kun adresser med http:// eller https://",
        ),
    ],
)
def test_a_bad_csv_row_is_reported_and_the_rest_imported(
    postcodes, tmp_path, capsys, bad_row, reason
):
    content = (
        DANISH_HEADER.encode()
        + b"\nGood 1,Vej 1,8000,,,,\n"
        + bad_row
        + b"\nGood 2,Vej 3,8000,,,,\n"
    )
    path = write(tmp_path, "x.csv", content)
    assert main(["clinics", "import", path]) == 1
    out, _ = output(capsys)
    assert out == [
        {"line": 3, "slug": None, "errors": [reason]},
        {"created": 2, "updated": 0, "failed": 1},
    ]
    assert sorted(Clinic.objects.values_list("name", flat=True)) == ["Good 1", "Good 2"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "field, value, reason",
    [
        ("price_first", "²00", "price_first: skriv prisen i hele kroner (0-10000)"),
        ("price_first", "\u0665\u0660\u0660", "price_first: skriv prisen i hele kroner (0-10000)"),
        (
            "name",
            "A\ud800",
            (
                "name: indeholder et tegn, der ikke er gyldig UTF-8 (U+D800; gem filen som UTF-8), "
                "som ikke kan gemmes"
            ),
        ),
        (
            "name",
            "Alpha\nBcc: x@evil.example",
            "name: indeholder et styretegn (U+000A), som ikke kan gemmes",
        ),
        ("lat", "NaN", "lat: 'NaN' er ikke et tal (skriv fx 56,15)"),
    ],
)
def test_a_bad_json_value_is_reported_and_the_rest_imported(
    postcodes, tmp_path, capsys, field, value, reason
):
    good = {"name": "Good", "address": "Vej 1", "postcode": "8000"}
    bad = {
        "slug": "bad",
        "name": "Bad",
        "address": "Vej 2",
        "postcode": "8000",
        "lat": "56.15",
        "lon": "10.2",
        field: value,
    }
    text = json.dumps(
        [good, bad, {**good, "name": "Good 2"}]
    )  # json.dumps writes "\ud800" as an escape
    path = write(tmp_path, "x.json", text)
    assert main(["clinics", "import", path]) == 1
    out, _ = output(capsys)
    assert out[0]["line"] == 1 and out[0]["errors"] == [reason]
    assert out[-1] == {"created": 2, "updated": 0, "failed": 1}


@pytest.mark.django_db(transaction=True)
def test_json_lines_broken_line_does_not_stop_the_rest(postcodes, tmp_path, capsys):
    text = (
        '{"name": "A", "address": "Vej 1", "postcode": "8000"}\n{"name": "B", \n'
        '{"name": "C", "address": "Vej 3", "postcode": "8000"}\n'
    )
    path = write(tmp_path, "x.jsonl", text)
    assert main(["clinics", "import", path]) == 1
    out, _ = output(capsys)
    assert [o.get("line") for o in out] == [2, None]
    assert out[-1] == {"created": 2, "updated": 0, "failed": 1}


# --- coordinates ----------------------------------------------------------------------------------


PLACES = {"8000": rows.Place("Aarhus C", 56.15, 10.2)}


def validate(**row):
    return rows.validate_row(
        {"name": "A", "address": "Vej 1", "postcode": "8000", **row},
        PLACES,
        {},
        {},
        {"da": "Dansk"},
    )


def test_coordinates_far_from_the_postcode_are_rejected():
    # Inside the old Denmark box. Distance checked by hand: 1.2 deg of latitude is 133.4 km, 1.25 deg
    # of longitude at 55.55 N is 78.7 km, together 155 km.
    clean, errors = validate(lat="54.95", lon="8.95")
    assert clean is None
    assert errors == [
        (
            "lat/lon: (54.95, 8.95) ligger 155 km fra midten af 8000 Aarhus C; højst 25 km "
            "(tjek koordinaterne eller postnummeret)"
        )
    ]


def test_coordinates_near_the_postcode_are_kept():
    clean, errors = validate(lat="56.2", lon="10.1")
    assert errors == [] and (clean["lat"], clean["lon"]) == (56.2, 10.1)


def test_malmo_is_not_in_denmark_and_swapped_coordinates_are_named():
    assert validate(lat="55.605", lon="13.0")[1] == [
        (
            "lat/lon: (55.605, 13.0) ligger 185 km fra midten af 8000 Aarhus C; højst 25 km "
            "(tjek koordinaterne eller postnummeret)"
        )
    ]
    assert validate(lat="10.2", lon="56.15")[1] == [
        "lat/lon: (10.2, 56.15) ligger ikke i Danmark (lat og lon ser ud til at være byttet om)"
    ]


# --- one validator for import and the owner's form ---------------------------------------------------


EMAILS = [
    "info@alpha.dk",
    "a@b",
    "a@localhost",
    "æ@ø.dk",
    "a b@c.dk",
    "a@b.c",
    "x@sub.domæne.dk",
    "a@[127.0.0.1]",
    "a" * 250 + "@b.dk",
    "",
]
WEBSITES = [
    "www.alpha.dk",
    "alpha.dk",
    "https://alpha",
    "ftp://alpha.dk",
    "javascript:alert(1)",
    "http://æøå.dk/side",
    "https://www.alpha.dk/" + "x" * 290,
    "localhost:8000",
    "//alpha.dk",
    "",
]


@pytest.fixture
def owner_form(make_clinic):
    from nerveguide.clinics.forms import ClinicProfileForm

    clinic = make_clinic("ejer")

    def form(**data):
        return ClinicProfileForm(data={"languages": ["da"], **data}, instance=clinic)

    return form


def accepts(check, value, *args):
    try:
        return check(value, *args)
    except rows.ValueProblem:
        return None


@pytest.mark.parametrize("value", EMAILS)
def test_email_the_import_accepts_is_what_the_owner_form_accepts(owner_form, value):
    form = owner_form(email=value)
    form.is_valid()
    imported = accepts(rows.clean_email, value)
    assert ("email" not in form.errors) == (imported is not None)
    if imported:
        assert form.cleaned_data["email"] == imported


@pytest.mark.parametrize("value", WEBSITES)
def test_website_the_import_accepts_is_what_the_owner_form_accepts(owner_form, value):
    form = owner_form(website=value)
    form.is_valid()
    imported = accepts(rows.clean_website, value)
    assert ("website" not in form.errors) == (imported is not None), form.errors
    if imported:
        assert form.cleaned_data["website"] == imported


def test_www_website_is_stored_with_https():
    assert rows.clean_website("www.alpha.dk") == "https://www.alpha.dk"
    assert rows.clean_website("http://alpha.dk") == "http://alpha.dk"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text(alphabet=st.sampled_from("ab.@-:/æ1 w"), max_size=20))
def test_import_accepts_nothing_the_model_refuses(value):
    """Whatever clean_email/clean_website return passes the model fields' own validators."""
    from django.core.validators import URLValidator, validate_email

    email = accepts(rows.clean_email, value)
    if email:
        validate_email(email)
    website = accepts(rows.clean_website, value)
    if website:
        URLValidator()(website)


hostile_text = st.text(max_size=30) | st.sampled_from(
    [
        "\x00",
        "\ud800",
        "²",
        "٨٠٠٠",
        "DK-8000",
        "nan",
        "1e999",
        "www.a.dk",
        "javascript:x",
        "-0",
        "8000",
        "56,15",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    row=st.dictionaries(
        st.sampled_from([*rows.COLUMNS, "hours"]), hostile_text | st.lists(hostile_text, max_size=3)
    )
)
def test_validate_row_never_raises_and_clean_rows_can_be_stored(row):
    clean, errors = rows.validate_row(row, PLACES, {"iskias": "Iskias"}, {}, {"da": "Dansk"})
    assert (clean is None) == bool(errors)
    if clean:
        for value in clean.values():
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str):
                    assert not rows._BAD_CHARACTER.search(text)
                    text.encode("utf-8")  # no lone surrogates


@settings(max_examples=200, deadline=None)
@given(names=st.lists(st.text(max_size=15), max_size=8))
def test_map_columns_never_raises(names):
    mapping = rows.map_columns(names)
    assert set(mapping.rename.values()) <= set(rows.COLUMNS) | set(rows.JSON_ONLY_COLUMNS)


@pytest.mark.django_db(transaction=True)
def test_a_line_with_more_fields_than_the_header_fails_alone(postcodes, tmp_path, capsys):
    path = write(
        tmp_path,
        "x.csv",
        f"{DANISH_HEADER}\nA,Vej 1,8000,,,,\nB,Vej 2, 3,8000,,,,\nC,Vej 4,8000,,,,\n",
    )
    assert main(["clinics", "import", path]) == 1
    out, _ = output(capsys)
    assert out == [
        {
            "line": 3,
            "slug": None,
            "errors": [
                "linjen har flere felter end overskriften (et komma for meget, eller tekst med komma uden anførselstegn)"
            ],
        },
        {"created": 2, "updated": 0, "failed": 1},
    ]
