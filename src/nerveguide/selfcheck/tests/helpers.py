"""Drive the self-check web flow like a browser without JavaScript: read the form, post it back."""

from html.parser import HTMLParser

STEP_URL = "/symptomtjek/trin/"


class FormReader(HTMLParser):
    """Hidden fields and radio choices of the page's self-check form."""

    def __init__(self):
        super().__init__()
        self.hidden: list[tuple[str, str]] = []
        self.radios: list[str] = []
        self.checked: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "input":
            return
        if attrs.get("type") == "hidden" and attrs.get("name") != "csrfmiddlewaretoken":
            self.hidden.append((attrs["name"], attrs.get("value", "")))
        if attrs.get("type") == "radio":
            self.radios.append(attrs["value"])
            if "checked" in attrs:
                self.checked = attrs["value"]


def read_form(response) -> FormReader:
    reader = FormReader()
    reader.feed(response.content.decode())
    return reader


def post(client, response, **fields):
    """Post the page's form back with extra fields (e.g. handling="svar", svar="nej")."""
    data: dict[str, list[str]] = {}
    for name, value in read_form(response).hidden:
        data.setdefault(name, []).append(value)
    for name, value in fields.items():
        data[name] = [value]
    return client.post(STEP_URL, data)


def current_question(response) -> str | None:
    for name, value in read_form(response).hidden:
        if name == "sporgsmaal":
            return value
    return None


def answer_all(
    client, response, choose=lambda key, choices: "nej" if "nej" in choices else choices[0]
):
    """Answer question after question until the flow leaves the questions; returns that page."""
    for _ in range(40):
        key = current_question(response)
        if key is None:
            return response
        response = post(
            client, response, handling="svar", svar=choose(key, read_form(response).radios)
        )
        assert response.status_code == 200, response.content.decode()[:500]
    raise AssertionError("the flow never ended")
