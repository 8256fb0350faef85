"""Typed helpers for reading settings from environment variables (healthchecks style)."""

import os
from typing import overload


@overload
def envstr(name: str, default: str) -> str: ...
@overload
def envstr(name: str, default: None = None) -> str | None: ...
def envstr(name: str, default: str | None = None) -> str | None:
    """The variable's value, or default when it is not set (an empty value is returned as is)."""
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    """The variable as a bool (1/true/yes/on, 0/false/no/off, any case), or default when unset or
    empty. Raises ValueError naming the variable for any other value.
    """
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name}={value!r} is not a boolean (use 1/0, true/false)")


def envint(name: str, default: int) -> int:
    """The variable as an int, or default when unset or empty; raises ValueError naming the
    variable otherwise.
    """
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a whole number") from None


def envlist(name: str, default: list[str]) -> list[str]:
    """The variable split on commas, items stripped and empty ones dropped;
    "a, b," -> ["a", "b"]. Returns default when the variable is unset or blank.
    """
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
