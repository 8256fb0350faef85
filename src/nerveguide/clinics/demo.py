"""The demo data set: fictional clinics at real postcodes, with reviews. No Django here.

Generated from a fixed seed, so every machine gets the same clinics, and `nerveguide clinics demo`
can run again without creating duplicates (rows are keyed by slug, reviews by clinic and number).
Every name is made up; pages showing a demo clinic say so.
"""

import random
from collections.abc import Iterator, Sequence

from nerveguide.clinics import rows
from nerveguide.danish.places import PostcodeRange

SEED = 20251012
DEMO_CLINICS = 150
NAME_FIRST = (
    "Bøge",
    "Hav",
    "Lyng",
    "Kilde",
    "Mølle",
    "Strand",
    "Skov",
    "Fjord",
    "Eng",
    "Bakke",
    "Klint",
    "Å",
    "Sø",
    "Ege",
    "Rose",
    "Lærke",
    "Vige",
    "Dal",
    "Holm",
    "Toft",
)
NAME_LAST = ("lund", "bo", "høj", "gård", "vang", "hus", "toft", "dal", "næs", "vej")
NAME_KIND = (
    "Fysioterapi",
    "Fysioterapi og Træning",
    "Fysioklinik",
    "Ryg- og Nakkeklinik",
    "Bevægelsesklinik",
)
STREETS = (
    "Egevej",
    "Birkealle",
    "Torvegade",
    "Stationsvej",
    "Skolegade",
    "Møllevej",
    "Havnegade",
    "Kirkevej",
    "Vestergade",
    "Østergade",
    "Nørregade",
    "Søndergade",
    "Parkvej",
    "Engvej",
)
REVIEW_TEXTS = {
    5: (
        "Jeg fik en grundig undersøgelse og en klar plan. Smerterne i benet er nu næsten væk.",
        "Fysioterapeuten forklarede godt, hvad der sker med nerven. Øvelserne hjalp mig hurtigt.",
        "Rar og rolig behandling. Jeg kan igen sidde på arbejde uden ondt i nakken.",
    ),
    4: (
        "God behandling og gode øvelser. Der var lidt ventetid på den første tid.",
        "Jeg fik det bedre efter fire gange. Det var svært at få en tid om aftenen.",
        "Grundig og venlig. Jeg savnede lidt mere hjælp til øvelserne hjemme.",
    ),
    3: (
        "Behandlingen var i orden, men jeg fik ikke helt svar på mine spørgsmål.",
        "Det hjalp lidt på smerterne. Der var lang ventetid i venteværelset.",
    ),
    2: ("Jeg syntes ikke, jeg fik nok tid. Øvelserne var svære at forstå.",),
    1: ("Jeg fik ikke en plan og følte mig ikke hørt.",),
}
REVIEWER_NAMES = (
    "Anne",
    "Mads",
    "Louise",
    "Peter",
    "Sofie",
    "Lars",
    "Mette",
    "Jens",
    "Ida",
    "Ole",
    "Camilla",
    "Henrik",
    "Signe",
    "Søren",
    "Maja",
)
REPLY = "Tak for din anmeldelse. Vi er glade for, at du ville dele din oplevelse."
HOURS_PATTERNS = (
    {
        "man": "08:00-16:00",
        "tir": "08:00-16:00",
        "ons": "08:00-16:00",
        "tor": "08:00-16:00",
        "fre": "08:00-14:00",
    },
    {
        "man": "07:00-19:00",
        "tir": "07:00-19:00",
        "ons": "07:00-19:00",
        "tor": "07:00-19:00",
        "fre": "07:00-15:00",
    },
    {
        "man": "08:00-20:00",
        "tir": "08:00-17:00",
        "ons": "08:00-20:00",
        "tor": "08:00-17:00",
        "fre": "08:00-15:00",
        "lor": "09:00-13:00",
    },
    {
        "man": "09:00-17:00",
        "tir": "09:00-17:00",
        "ons": "12:00-20:00",
        "tor": "09:00-17:00",
        "fre": "09:00-15:00",
    },
)


def _fake_phone(rng: random.Random) -> str:
    """A visibly fake number, "00 00 12 34": Danish numbers never start with 0, so it rings no one.

    Draws as many random numbers as the old real-looking numbers did, so the rest of the demo
    data (names, places, reviews) stays the same.
    """
    rng.randint(20, 99)
    return f"0000{rng.randint(0, 999999) % 10000:04d}"


def clinic_rows(
    postcodes: Sequence[PostcodeRange],
    count: int,
    specialties: Sequence[str],
    treatments: Sequence[str],
    seed: int = SEED,
    prefix: str = "demo",
) -> Iterator[dict]:
    """`count` fictional clinics as import rows, spread over the given postcodes.

    Coordinates fall within about 3 km of the postcode's centre, so they land in plausible places.
    """
    rng = random.Random(seed)
    for number in range(count):
        # Evenly over the (sorted) postcode list, so every part of the country gets clinics.
        code = (
            postcodes[number * len(postcodes) // count]
            if count <= len(postcodes)
            else rng.choice(postcodes)
        )
        name = f"{rng.choice(NAME_FIRST)}{rng.choice(NAME_LAST)} {rng.choice(NAME_KIND)}"
        chosen_specialties = rng.sample(list(specialties), rng.randint(2, 5))
        if rng.random() < 0.5 and "nerve-rodsmerter" in specialties:
            chosen_specialties.append("nerve-rodsmerter")
        yield {
            "slug": f"{prefix}-{number + 1:06d}-{rows.slugify(name)}",
            "name": name,
            "address": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            "postcode": f"{code.first:04d}",
            "town": code.town,
            "lat": round(code.lat + rng.uniform(-0.025, 0.025), 5),
            "lon": round(code.lon + rng.uniform(-0.04, 0.04), 5),
            "phone": _fake_phone(rng),
            "email": f"kontakt@{rows.slugify(name)}.example.dk",
            "website": f"https://{rows.slugify(name)}.example.dk",
            "booking_url": f"https://{rows.slugify(name)}.example.dk/book"
            if number % 3 == 0
            else "",
            **rng.choice(HOURS_PATTERNS),
            "ydernummer": rng.random() < 0.7,
            "wheelchair": rng.random() < 0.5,
            "video": rng.random() < 0.25,
            "languages": ["da"] + rng.sample(["en", "de", "pl", "ar", "uk"], rng.randint(0, 2)),
            "price_first": rng.choice((450, 495, 550, 600, 650)),
            "price_followup": rng.choice((350, 395, 425, 475)),
            "specialties": sorted(set(chosen_specialties)),
            "treatments": sorted(rng.sample(list(treatments), rng.randint(2, 6))),
        }


def review_rows(rng: random.Random, count: int) -> Iterator[dict]:
    """`count` reviews for one clinic, mostly positive as on real directories, days_ago < 700."""
    for number in range(count):
        rating = rng.choices((5, 4, 3, 2, 1), weights=(45, 30, 12, 8, 5))[0]
        yield {
            "number": number,
            "rating": rating,
            "text": rng.choice(REVIEW_TEXTS[rating]),
            "author_name": rng.choice(REVIEWER_NAMES),
            "days_ago": rng.randint(3, 700),
            "dimensions": [rng.choice((None, rating, max(1, rating - 1))) for _ in range(3)],
            "reply": REPLY if rng.random() < 0.2 else "",
        }
