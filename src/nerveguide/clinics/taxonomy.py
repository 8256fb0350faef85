"""The specialty / treatment-form / language lists from data/taxonomy.yaml."""

from functools import cache
from pathlib import Path

import yaml

TAXONOMY_FILE = Path(__file__).parent / "data" / "taxonomy.yaml"


@cache
def load() -> dict:
    return yaml.safe_load(TAXONOMY_FILE.read_text(encoding="utf-8"))


def specialties() -> dict[str, str]:
    return {item["slug"]: item["name"] for item in load()["specialties"]}


def treatments() -> dict[str, str]:
    return {item["slug"]: item["name"] for item in load()["treatments"]}


def languages() -> dict[str, str]:
    return dict(load()["languages"])
