"""The specialty / treatment-form / language lists from data/taxonomy.yaml."""

from functools import cache
from pathlib import Path

from nerveguide.datafiles import load_yaml

TAXONOMY_FILE = Path(__file__).parent / "data" / "taxonomy.yaml"


@cache
def load() -> dict:
    """The parsed data/taxonomy.yaml, read once per process; raises OSError or yaml.YAMLError if it
    is missing or broken.
    """
    return load_yaml(TAXONOMY_FILE)


def specialties() -> dict[str, str]:
    """Specialty slug -> Danish display name, in file order."""
    return {item["slug"]: item["name"] for item in load()["specialties"]}


def treatments() -> dict[str, str]:
    """Treatment-form slug -> Danish display name, in file order."""
    return {item["slug"]: item["name"] for item in load()["treatments"]}


def languages() -> dict[str, str]:
    """Language code -> Danish language name (the clinic profile's language choices)."""
    return dict(load()["languages"])
