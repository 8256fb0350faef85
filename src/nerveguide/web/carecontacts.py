"""Where to call: 112, own doctor, and lægevagten per region (data in data/laegevagt.yaml)."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from nerveguide.web.danish import format_phone, phone_href

DATA_FILE = Path(__file__).parent / "data" / "laegevagt.yaml"


@dataclass(frozen=True)
class Contact:
    region: str
    name: str
    phone: str

    @property
    def display(self) -> str:
        return format_phone(self.phone)

    @property
    def href(self) -> str:
        return phone_href(self.phone)


@cache
def _data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def emergency_number() -> str:
    return _data()["emergency"]


def laegevagt_contacts() -> list[Contact]:
    return [Contact(region, v["name"], v["phone"]) for region, v in _data()["regions"].items()]


def laegevagt_for_region(region: str) -> Contact | None:
    for contact in laegevagt_contacts():
        if contact.region == region:
            return contact
    return None
