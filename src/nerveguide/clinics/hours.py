"""Opening hours per weekday: parsing, display, and the "open evenings / weekends" filters.

Hours are written as on a clinic's door: "08:00-16:00", several spans with a comma
("08-12, 13-19"), or empty/"lukket" for closed. Stored as {"man": "08:00-16:00", ...}.
"""

import re

WEEKDAYS = ("man", "tir", "ons", "tor", "fre", "lor", "son")
WEEKDAY_NAMES = {
    "man": "Mandag",
    "tir": "Tirsdag",
    "ons": "Onsdag",
    "tor": "Torsdag",
    "fre": "Fredag",
    "lor": "Lørdag",
    "son": "Søndag",
}
WEEKEND = ("lor", "son")
EVENING_FROM_MINUTES = 18 * 60  # open after 18:00 counts as "open evenings"
CLOSED_WORDS = {"", "lukket", "-", "closed"}

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_SPAN = re.compile(rf"^{_TIME}\s*[-–]\s*{_TIME}$")


class HoursError(ValueError):
    """Opening hours that cannot be read; the message is Danish and shown to the editor as is."""


def _minutes(hours: str, minutes: str | None) -> int:
    h, m = int(hours), int(minutes or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        raise HoursError(f"ugyldigt klokkeslæt {hours}:{minutes or '00'}")
    return h * 60 + m


def parse_day(text: str) -> list[tuple[int, int]]:
    """ "08-12, 13:00-19:30" -> [(480, 720), (780, 1170)] in minutes after midnight."""
    text = (text or "").strip().lower()
    if text in CLOSED_WORDS:
        return []
    spans = []
    for part in text.split(","):
        match = _SPAN.match(part.strip())
        if not match:
            raise HoursError(f"kan ikke læse åbningstiden {part.strip()!r} (skriv fx 08:00-16:00)")
        start, end = _minutes(*match.group(1, 2)), _minutes(*match.group(3, 4))
        if end <= start:
            raise HoursError(f"åbningstiden {part.strip()!r} slutter før den begynder")
        spans.append((start, end))
    return sorted(spans)


def format_day(spans: list[tuple[int, int]]) -> str:
    """Spans in minutes after midnight -> "08:00-12:00, 13:00-19:30"; no spans -> "" (closed)."""
    if not spans:
        return ""
    return ", ".join(f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}" for s, e in spans)


def normalise(hours: dict[str, str]) -> dict[str, str]:
    """Validate every day and write it the same way; raises HoursError naming the bad day."""
    unknown = set(hours) - set(WEEKDAYS)
    if unknown:
        raise HoursError(f"ukendt ugedag: {', '.join(sorted(unknown))}")
    result = {}
    for day in WEEKDAYS:
        try:
            result[day] = format_day(parse_day(hours.get(day, "")))
        except HoursError as error:
            raise HoursError(f"{WEEKDAY_NAMES[day]}: {error}") from None
    return result


def open_evenings(hours: dict[str, str]) -> bool:
    """True if any weekday (Monday-Friday) span ends after 18:00 (EVENING_FROM_MINUTES).

    Raises HoursError if a day cannot be read; callers pass normalised hours.
    """
    return any(
        end > EVENING_FROM_MINUTES
        for day in WEEKDAYS[:5]
        for _, end in parse_day(hours.get(day, ""))
    )


def open_weekends(hours: dict[str, str]) -> bool:
    """True if the clinic is open at any time on Saturday or Sunday; raises HoursError on unreadable
    hours.
    """
    return any(parse_day(hours.get(day, "")) for day in WEEKEND)


def display_rows(hours: dict[str, str]) -> list[tuple[str, str]]:
    """(Danish weekday name, hours text) for Monday-Sunday; a closed day reads "Lukket"."""
    return [(WEEKDAY_NAMES[day], hours.get(day) or "Lukket") for day in WEEKDAYS]
