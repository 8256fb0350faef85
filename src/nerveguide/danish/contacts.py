"""Whom to call: 112, and the lægevagt (out-of-hours doctor) of each health region.

Data: `data/laegevagt.yaml` (sources named in the file).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from nerveguide.danish.formatting import format_phone, phone_href
from nerveguide.danish.places import health_region
from nerveguide.datafiles import load_yaml

DATA_FILE = Path(__file__).parent / "data" / "laegevagt.yaml"


@dataclass(frozen=True)
class Contact:
    """A number to call: the health region it serves, the service's name, the number."""

    health_region: str
    name: str
    phone: str

    @property
    def display(self) -> str:
        """The number as shown: in pairs ("70 11 31 31"), short numbers as they are ("1813")."""
        return format_phone(self.phone)

    @property
    def href(self) -> str:
        """The tel: link ("tel:1813", "tel:+4570113131")."""
        return phone_href(self.phone)


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(DATA_FILE)
    return data


def emergency_number() -> str:
    """The emergency number, "112"."""
    return str(_data()["emergency"])


def laegevagt_contacts() -> list[Contact]:
    """The lægevagt of every health region, in the data file's order."""
    return [Contact(name, v["name"], str(v["phone"])) for name, v in _data()["regions"].items()]


def laegevagt_for_region(region: str | None) -> Contact | None:
    """The lægevagt of one health region ("Region Midtjylland"), None if unknown."""
    for contact in laegevagt_contacts():
        if contact.health_region == region:
            return contact
    return None


def laegevagt_for_postcode(postcode: int | str) -> Contact | None:
    """The lægevagt that serves a postcode ("8000" -> Lægevagten i Midtjylland)."""
    return laegevagt_for_region(health_region(postcode))
