"""Form widgets for opening hours: a row per weekday with from/to times instead of raw text or JSON.

The values they produce are the import's text format ("08:00-16:00", "08:00-12:00, 13:00-18:00", ""
for closed), so the owners' form, the admin and the import validate with the same function,
`hours.parse_day` / `hours.normalise`. A day with more spans than the row has fields (possible
through the import) is shown as one text field, so saving the form never drops a span.
"""

import json

from django import forms

from nerveguide.clinics import hours

SPANS_PER_DAY = 2  # e.g. a lunch break: 08:00-12:00 and 13:00-18:00


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def day_inputs(text: str) -> list[str] | None:
    """["08:00", "12:00", "13:00", "18:00"] for the row's fields; None if the text needs a text field."""
    try:
        spans = hours.parse_day(text)
    except hours.HoursError:
        return None
    if len(spans) > SPANS_PER_DAY or any(end == 24 * 60 for _, end in spans):
        return None  # <input type="time"> cannot show 24:00
    values = [_hhmm(m) for span in spans for m in span]
    return values + [""] * (2 * SPANS_PER_DAY - len(values))


def text_from_inputs(values: list[str]) -> str:
    """The import's text for a row's from/to values; "" when all are empty (closed).

    A half-filled pair becomes "08:00-" so that parse_day reports it (nothing is silently dropped).
    """
    pairs = [(values[i].strip(), values[i + 1].strip()) for i in range(0, len(values) - 1, 2)]
    return ", ".join(f"{start}-{end}" for start, end in pairs if start or end)


class DayHoursWidget(forms.Widget):
    """One weekday as a table row: from/to time fields (two pairs), or a text field for odd values.

    Posts `<name>_fra1`, `<name>_til1`, `<name>_fra2`, `<name>_til2`; a plain `<name>` (the text
    format, e.g. from a script or the fallback text field) is read too.
    """

    template_name = "clinics/widgets/day_hours.html"
    SUFFIXES = ("fra1", "til1", "fra2", "til2")
    LABELS = ("fra", "til", "igen fra", "til")

    def __init__(self, day: str, attrs=None):
        super().__init__(attrs)
        self.day = day

    def get_context(self, name, value, attrs):
        """Template context: the day's name, its text, and the four time inputs (None: show one
        text field).
        """
        context = super().get_context(name, value, attrs)
        text = value or ""
        inputs = day_inputs(text)
        context["widget"].update(
            day_name=hours.WEEKDAY_NAMES[self.day],
            text=text,
            inputs=None
            if inputs is None
            else [
                (f"{name}_{suffix}", f"{attrs.get('id') or 'id_' + name}_{suffix}", value, label)
                for suffix, value, label in zip(self.SUFFIXES, inputs, self.LABELS)
            ],
        )
        return context

    def value_from_datadict(self, data, files, name):
        """The day's hours as text: the plain `<name>` value if posted, else built from the
        from/to fields.
        """
        if name in data:
            return data.get(name)
        return text_from_inputs([data.get(f"{name}_{s}", "") for s in self.SUFFIXES])

    def value_omitted_from_data(self, data, files, name):
        """True when neither the text value nor any from/to field was posted."""
        return name not in data and not any(f"{name}_{s}" in data for s in self.SUFFIXES)

    def id_for_label(self, id_):
        """The label points at the first from-time field."""
        return f"{id_}_fra1" if id_ else id_


class OpeningHoursWidget(forms.Widget):
    """All seven weekdays for a JSON `opening_hours` value ({"man": "08:00-16:00", ...})."""

    template_name = "clinics/widgets/opening_hours.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.days = {day: DayHoursWidget(day) for day in hours.WEEKDAYS}

    def format_value(self, value):
        """The value if it is a dict of weekday -> text, else {}."""
        return value if isinstance(value, dict) else {}

    def get_context(self, name, value, attrs):
        """Template context with one DayHoursWidget row per weekday."""
        context = super().get_context(name, value, attrs)
        value = self.format_value(value)
        context["widget"]["rows"] = [
            widget.get_context(f"{name}_{day}", value.get(day, ""), {"id": f"id_{name}_{day}"})[
                "widget"
            ]
            for day, widget in self.days.items()
        ]
        return context

    def value_from_datadict(self, data, files, name):
        """The posted JSON text when `<name>` is present (the field parses it), else weekday ->
        text from the day rows.
        """
        if name in data:  # the JSON text itself (scripts, tests): OpeningHoursField parses it
            return data.get(name)
        return {
            day: widget.value_from_datadict(data, files, f"{name}_{day}")
            for day, widget in self.days.items()
        }

    def value_omitted_from_data(self, data, files, name):
        """True when no weekday row was posted."""
        return all(
            widget.value_omitted_from_data(data, files, f"{name}_{day}")
            for day, widget in self.days.items()
        )


class OpeningHoursField(forms.Field):
    """{"man": "08:00-16:00", ...} checked and written like the import (`hours.normalise`)."""

    widget = OpeningHoursWidget

    def to_python(self, value):
        """{weekday: normalised hours} from a dict or JSON text ({} when empty); ValidationError
        (Danish) for anything else or hours that cannot be read.
        """
        if value in (None, ""):
            return {}
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = None
        if not isinstance(value, dict):
            raise forms.ValidationError(
                'Skriv åbningstiderne som fx {"man": "08:00-16:00", "lor": ""}.'
            )
        try:
            return hours.normalise({day: str(text or "") for day, text in value.items()})
        except hours.HoursError as error:
            raise forms.ValidationError(f"{error}.") from None
