"""Read article files into Documents and report problems as Findings (no Django imports).

Real-world input: Markdown with YAML front matter (dates as dd/mm/yyyy or ISO, keys with odd
capitals, CRLF, a BOM), plain text pasted from a PDF, and sometimes garbage. Nothing here raises
on bad input: a file that cannot be read becomes a Finding with its line and is skipped; the
rest still load. See docs/content.md for the format and the list of finding codes.

Messages are for editors and are written in Danish (the finding codes stay English identifiers);
each says what to change and, where it can, how.

The verdict: `read_directory` returns only the documents that may be published (no error in
the file, and a slug no other file claims). `nerveguide check` and `nerveguide ingest` both use it,
so they agree about the same folder. A file with an error still claims its slug, so links to it are
not reported as broken, and its body is still checked.
"""

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import yaml
from markdown_it.token import Token

from nerveguide.content import lix as lixmod
from nerveguide.content.markdown import inline_text, parser
from nerveguide.danish import regions as body_regions
from nerveguide.danish.slugs import AnchorMaker, slugify

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
MAX_FILE_BYTES = 16 * 1024 * 1024
REVIEW_INTERVAL_YEARS = 3
FAQ_HEADINGS = {"ofte stillede spoergsmaal", "faq", "spoergsmaal og svar"}
# First path segments the site serves other than articles; links to them (and below them) are never
# broken article links. The URLconf owns them: the adapters (`check`, `ingest`) pass
# `content.sitepaths.reserved_prefixes()` to `read_directory`. This copy is only the default for
# use without Django; a test keeps it equal to the URLconf's.
SITE_PATHS = frozenset(
    {
        "admin",
        "api",
        "emner",
        "find-fysioterapeut",
        "klinik",
        "kontakt",
        "om-nerveguide",
        "patientuddannelse",
        "privatlivspolitik",
        "soeg",
        "static",
        "symptomtjek",
        "tilgaengelighed",
    }
)
ARTICLE_RELATED_TYPES = {None, "", "ordbog", "artikel", "article"}

AUDIENCES = {
    "patient": "patient",
    "borger": "patient",
    "clinician": "clinician",
    "fagperson": "clinician",
    "fagfolk": "clinician",
    "fysioterapeut": "clinician",
}
REGIONS = {**body_regions.ALIASES, "begge": "begge"}  # front matter `region:` values
STRING_KEYS = ("title", "metaTitle", "description", "slug", "reviewedBy", "topic")
DATE_KEYS = ("datePublished", "lastUpdated", "lastReviewed", "nextReview")
KNOWN_KEYS = (*STRING_KEYS, *DATE_KEYS, "audience", "region", "related", "sources")
_KEY_BY_FOLDED = {re.sub(r"[^a-z]", "", k.lower()): k for k in KNOWN_KEYS}


# Warnings that describe an editorial state rather than a defect the writer can fix: `check`
# reports them (also with --strict) but they do not make --strict fail. Only a clinician can end
# "reviewer-missing", and a reviewer must never be invented to silence it (issue 12).
ADVISORY_CODES = frozenset({"reviewer-missing"})


@dataclass
class Finding:
    """One problem in one article file: its path (relative to the content root), the 1-based
    line, severity "error" (the file is not published) or "warning", an English code (listed
    in docs/content.md) and a Danish message for the editor.
    """

    path: str
    line: int
    severity: str  # "error" | "warning"
    code: str
    message: str

    def as_dict(self) -> dict:
        """The finding as JSON-ready {"file", "line", "severity", "code", "message"}."""
        return {
            "file": self.path,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class Passage:
    """One heading and the plain text under it (or the intro before the first heading).

    level is the heading level (0 for the intro); anchor is the heading's id on the page; line
    is 1-based in the file.
    """

    heading: str | None
    anchor: str
    level: int
    kind: str  # "intro" | "section" | "faq"
    text: str
    markdown: str = ""  # the Markdown source under the heading (for rendering FAQ answers)
    line: int = 0  # 1-based line of the heading (or of the first text line) in the file


@dataclass
class Document:
    """One article file as read: slug, title, front matter (`meta`, keys normalised and dates as
    datetime.date), the body text and its passages.

    line_offset is the 1-based file line of the body's first line; links are (internal href,
    line) pairs; tokens is the parsed Markdown body (None for plain text).
    """

    source: str
    slug: str
    title: str
    meta: dict
    body: str
    passages: list[Passage]
    line_offset: int
    format: str = "markdown"  # "markdown" | "text"
    links: list[tuple[str, int]] = field(default_factory=list)  # (internal href, line)
    key_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line
    tokens: list | None = field(
        default=None, repr=False, compare=False
    )  # parsed body, for rendering

    @property
    def audience(self) -> str:
        """ "patient" or "clinician", from the front matter (default "patient")."""
        return self.meta.get("audience", "patient")

    def prose(self) -> str:
        """Paragraph and list text without headings, one block a line (for LIX)."""
        return "\n".join(p.text for p in self.passages if p.text)


# --- YAML -------------------------------------------------------------------------------------


class FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like plain scalars: only true/false are booleans, only plain
    decimal numbers are numbers, dates stay text (we parse dd/mm/yyyy ourselves), and "no",
    "on", "1:20", "0755" stay strings. Aliases are refused (no billion laughs)."""

    # types-PyYAML declares this an instance variable; PyYAML keeps it on the class.
    yaml_implicit_resolvers: ClassVar[dict] = {}  # type: ignore[misc]

    def compose_node(self, parent, index):
        """Compose as SafeLoader does, but raise ComposerError at any alias (*name)."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    FrontMatterLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Problem(Exception):
    """A file-level error: becomes one Finding."""

    def __init__(self, line: int, code: str, message: str):
        super().__init__(message)
        self.line, self.code, self.message = line, code, message


class _EmptyBody(Exception):
    """The file has no body: no document, but it still claims a slug."""

    def __init__(self, slug: str, line: int):
        super().__init__(slug)
        self.slug, self.line = slug, line


# Keys whose value is text: their value is taken as written in the file, so "title: 3.10" stays
# "3.10" and "related: [1.10]" stays the slug "1-10" (YAML would read both as the number 3.1 / 1.1).
TEXT_KEYS = (*STRING_KEYS, "related", "sources")
# NUL and lone surrogates cannot be stored (PostgreSQL refuses NUL; UTF-8 has no surrogates); other
# C0/C1 control characters are invisible and break e-mail headers and page titles. Tab and newline
# are fine.
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _as_written(node):
    """A YAML node's value with every scalar as the text written in the file (null stays None)."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == "tag:yaml.org,2002:null" else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_as_written(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(_as_written(k)): _as_written(v) for k, v in node.value}
    return None


def _bad_text_lines(node, first_line: int) -> list[tuple[int, str]]:
    """(line, character description) for every scalar holding a character we cannot store."""
    found = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, yaml.ScalarNode):
            match = _BAD_TEXT.search(item.value)
            if match:
                found.append((first_line + item.start_mark.line, f"U+{ord(match[0]):04X}"))
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
        elif isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                stack.extend((key, value))
    return sorted(found)


def _canonical_key(key: str) -> str | None:
    return key if key in KNOWN_KEYS else _KEY_BY_FOLDED.get(re.sub(r"[^a-z]", "", key.lower()))


# YAML parser problems in words an editor understands (problem text from PyYAML -> Danish advice).
_YAML_ADVICE = (
    (
        "mapping values are not allowed",
        (
            "der står et kolon (:) inde i en værdi. En titel eller tekst med kolon skal i anførselstegn, "
            'fx title: "Iskias: symptomer og behandling"'
        ),
    ),
    (
        "could not find expected ':'",
        (
            "linjen er ikke på formen 'nøgle: værdi' (mangler der et kolon, eller er en lang tekst delt over "
            "flere linjer? Sæt den i anførselstegn)"
        ),
    ),
    (
        "cannot start any token",
        (
            "linjen indeholder et tegn, der ikke må stå først (fx et tabulatortegn, @ eller `); brug mellemrum "
            "til indrykning, og sæt teksten i anførselstegn"
        ),
    ),
    ("found unexpected end of stream", "anførselstegn er åbnet, men aldrig lukket"),
    (
        "found unknown escape character",
        "teksten i dobbelte anførselstegn har en backslash (\\); brug enkelte anførselstegn i stedet",
    ),
    (
        "expected <block end>",
        (
            "indrykningen passer ikke: alle nøgler skal stå helt til venstre, og punkter under "
            "'sources:' skal indrykkes ens"
        ),
    ),
    (
        "did not find expected key",
        "indrykningen passer ikke, eller et anførselstegn er ikke lukket",
    ),
    (
        "did not find expected '-' indicator",
        "en liste blander punkter (- ...) med andre linjer; indryk alle punkter ens",
    ),
    ("found duplicate anchor", "'&' bruges ikke i front matter; sæt teksten i anførselstegn"),
    (
        "aliases",
        "'*' bruges ikke i front matter (YAML-aliasser er slået fra); sæt teksten i anførselstegn",
    ),
)


def _yaml_message(problem: str) -> str:
    for needle, advice in _YAML_ADVICE:
        if needle in problem:
            return f"front matter kan ikke læses: {advice}"
    return (
        f"front matter kan ikke læses: skriv hver linje som 'nøgle: værdi' (YAML siger: {problem})"
    )


def _load_front_matter(
    text: str, first_line: int
) -> tuple[dict, dict[str, int], list[tuple[int, str]]]:
    """Parse YAML; returns the mapping (text keys as written), each top-level key's 1-based line in
    the file (and "sources[i]" -> the line of that entry's url), and the (line, character) of every value with a character that cannot be stored.

    Raises _Problem for YAML that cannot be read at all."""
    loader = FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}, []
        if not isinstance(node, yaml.MappingNode):
            raise _Problem(
                first_line, "yaml-invalid", "front matter skal være linjer på formen 'nøgle: værdi'"
            )
        data = loader.construct_document(node)
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            lines.setdefault(key, first_line + key_node.start_mark.line)
            if key in data and _canonical_key(key) in TEXT_KEYS:
                data[key] = _as_written(value_node)
            if isinstance(value_node, yaml.SequenceNode):  # "sources[2]" -> line of that entry
                for index, item in enumerate(value_node.value):
                    url = (
                        next((v for k, v in item.value if k.value == "url"), item)
                        if isinstance(item, yaml.MappingNode)
                        else item
                    )
                    lines.setdefault(f"{key}[{index}]", first_line + url.start_mark.line)
        return data, lines, _bad_text_lines(node, first_line)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error)
        raise _Problem(line, "yaml-invalid", _yaml_message(problem)) from None
    except RecursionError:
        raise _Problem(first_line, "yaml-invalid", "front matter er indlejret for dybt") from None
    except TypeError:  # unhashable keys such as "? [a, b]: c"
        raise _Problem(
            first_line, "yaml-invalid", "front matter har en nøgle, der ikke er tekst"
        ) from None
    finally:
        loader.dispose()


# --- values -----------------------------------------------------------------------------------

_DATE_FORMATS = (
    (re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$"), (1, 2, 3)),
    (re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$"), (3, 2, 1)),
)
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
YEAR_RANGE = (1900, 2200)


def _date_parts(value) -> tuple[int, int, int] | None:
    """(year, month, day) as written, or None when the text has no date shape (ASCII digits only:
    "²" and Arabic-Indic digits are not accepted, so what passes is what int() reads)."""
    text = str(value).strip()
    text = re.sub(
        r"[T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?$", "", text
    )
    for pattern, (y, m, d) in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            return int(match[y]), int(match[m]), int(match[d])
    return None


def parse_date(value) -> dt.date | None:
    """dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd (an ISO time part is ignored); None when
    the text is not a real date between 1900 and 2200 (see `date_problem` for why)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = _date_parts(value)
    if parts is None:
        return None
    try:
        date = dt.date(*parts)
    except ValueError:
        return None
    return date if YEAR_RANGE[0] <= date.year <= YEAR_RANGE[1] else None


def date_problem(value) -> str:
    """Why `value` is not a date, in Danish for an editor ("februar 2025 har ikke en 31. dag")."""
    parts = _date_parts(value)
    if parts is None:
        return f"'{value}' er ikke en dato; skriv dd/mm/åååå (fx 19/02/2025) eller åååå-mm-dd"
    year, month, day = parts
    if not 1 <= month <= 12:
        return f"'{value}': måned {month} findes ikke (måneden skal være 1-12; skriv dd/mm/åååå)"
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        return f"'{value}': året {year} kan ikke passe (skriv fire cifre, fx 2025)"
    days = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    if day < 1:
        return f"'{value}': dag {day} findes ikke"
    return f"'{value}': {MONTHS[month - 1]} {year} har ikke en {day}. dag (kun {days} dage)"


def add_years(date: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a year that lacks it."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return value
    return [value]


def _normalise_related(value) -> tuple[list[str], list]:
    """Slugs of related articles, and the other entries (links to non-article pages) as given."""
    slugs, other = [], []
    for item in _as_list(value):
        if isinstance(item, dict):
            kind = item.get("type")
            if kind in ARTICLE_RELATED_TYPES and item.get("slug"):
                slugs.append(slugify(str(item["slug"])))
            else:
                other.append(item)
        elif isinstance(item, (str, int, float)) and not isinstance(item, bool):
            text = str(item).strip().strip("/")
            if text:
                slugs.append(slugify(text))
    return slugs, other


SOURCE_URL_SCHEMES = ("http", "https")


def _normalise_sources(value) -> list[dict] | None:
    """[{title, url}]; None when the value is not a list of sources. URLs are checked by
    `_check_sources` (only http/https may become a link)."""
    sources = []
    for item in _as_list(value) if not isinstance(value, str) else [value]:
        if isinstance(item, dict):
            title = str(item.get("title") or item.get("name") or item.get("url") or "").strip()
            url = str(item.get("url") or "").strip()
            if not title:
                return None
            sources.append({"title": title, "url": url})
        elif isinstance(item, (str, int, float)):
            sources.append({"title": str(item).strip(), "url": ""})
        else:
            return None
    return sources


def url_problem(url: str) -> str | None:
    """None when `url` may be published as a link (http or https with a host), else why not."""
    parsed = urlsplit(url)
    scheme = parsed.scheme.lower()
    if not scheme and re.match(r"^(www\.|[a-z0-9-]+\.[a-z]{2,})", url, re.IGNORECASE):
        return f"'{url}' mangler https:// foran (skriv https://{url})"
    if scheme not in SOURCE_URL_SCHEMES or not parsed.netloc or re.search(r"\s", url):
        shown = url if len(url) <= 60 else url[:57] + "..."
        return f"'{shown}' er ikke et link, vi viser: kun adresser, der begynder med https:// eller http://"
    return None


def _normalise_meta(
    raw: dict, key_lines: dict, path: str, first_line: int, findings: list[Finding]
) -> dict:
    """Front matter in our key names and types; unknown keys kept as they are and warned."""

    def line_of(key):
        return key_lines.get(key, first_line)

    def warn(key, code, message):
        findings.append(Finding(path, line_of(key), "warning", code, message))

    def error(line, code, message):
        findings.append(Finding(path, line, "error", code, message))

    meta: dict = {}
    for key, value in list(raw.items()):
        key = str(key)
        if key in KNOWN_KEYS:
            continue
        meta[key] = value
        folded = _KEY_BY_FOLDED.get(re.sub(r"[^a-z]", "", key.lower()))
        if folded:
            warn(
                key,
                "key-unknown",
                f"ukendt nøgle '{key}' (mente du '{folded}'?); den bruges som '{folded}'",
            )
            raw.setdefault(folded, value)  # use it, so the intended value is not lost
            key_lines.setdefault(folded, line_of(key))
        else:
            warn(key, "key-unknown", f"ukendt nøgle '{key}' gemmes, men bruges ikke")

    for key in STRING_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            kind = "en liste" if isinstance(value, list) else "en gruppe af nøgler"
            warn(key, "key-invalid", f"'{key}' skal være en tekst, ikke {kind}")
            continue
        text = " ".join(str(value).split())
        if text:
            meta[key] = text

    for key in DATE_KEYS:
        value = raw.get(key)
        if value is None or value == "":
            continue
        date = parse_date(value)
        if date is None:
            error(line_of(key), "date-invalid", f"{key}: {date_problem(value)}")
        else:
            meta[key] = date

    for key, allowed, default in (("audience", AUDIENCES, "patient"), ("region", REGIONS, None)):
        value = raw.get(key)
        if value is None:
            if default:
                meta[key] = default
            continue
        normalised = allowed.get(slugify(str(value)))
        if normalised is None:
            choices = " | ".join(sorted(set(allowed.values())))
            warn(key, "key-invalid", f"'{key}: {value}' skal være en af {choices}")
            if default:
                meta[key] = default
        else:
            meta[key] = normalised

    if "related" in raw:
        meta["related"], other = _normalise_related(raw["related"])
        if other:
            meta["related_other"] = other
    if "sources" in raw:
        sources = _normalise_sources(raw["sources"])
        if sources is None:
            warn(
                "sources", "key-invalid", "'sources' skal være en liste af kilder med title og url"
            )
        else:
            meta["sources"] = sources
            for index, source in enumerate(sources):
                problem = source["url"] and url_problem(source["url"])
                if problem:
                    error(
                        key_lines.get(f"sources[{index}]", line_of("sources")),
                        "source-url-unsafe",
                        f"kilde {index + 1}: {problem}",
                    )

    if "nextReview" not in meta and "lastReviewed" in meta:
        meta["nextReview"] = add_years(meta["lastReviewed"], REVIEW_INTERVAL_YEARS)
    return meta


# --- body -------------------------------------------------------------------------------------

_INTERNAL_LINK = re.compile(r"^/([^/?#]+)/?(?:#(.*))?$")
_BODY_LABEL = re.compile(r"^([A-ZÆØÅ]{2,}):\s")


def _passages(
    tokens: list, body: str, line_offset: int
) -> tuple[list[Passage], list[tuple[str, int]]]:
    """Split the body at every heading; also collect site-internal links with their lines."""
    lines = body.split("\n")
    make_anchor = AnchorMaker()
    passages: list[Passage] = []
    links: list[tuple[str, int]] = []
    blocks: list[str] = []
    current = Passage(None, "", 0, "intro", "", line=line_offset)
    start_line = 0
    in_faq = False
    block_line = 0

    def close(end_line: int) -> None:
        current.text = "\n".join(b for b in blocks if b)
        current.markdown = "\n".join(lines[start_line:end_line]).strip("\n")
        if current.heading is not None or current.text:
            passages.append(current)
        blocks.clear()

    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.map:
            block_line = token.map[0]
        if token.type == "heading_open":
            inline = tokens[i + 1]
            close(token.map[0])
            level = int(token.tag[1])
            heading = inline.content
            if level <= 2:
                in_faq = (
                    level == 2 and slugify(inline_text(inline)).replace("-", " ") in FAQ_HEADINGS
                )
            kind = "faq" if in_faq and level == 3 else "section"
            current = Passage(
                heading,
                make_anchor(inline_text(inline)),
                level,
                kind,
                "",
                line=line_offset + token.map[0],
            )
            start_line = token.map[1]
            _collect_links(inline, line_offset + token.map[0], links)
            i += 3
            continue
        if token.type == "inline":
            blocks.append(" ".join(inline_text(token).split()))
            _collect_links(token, line_offset + block_line, links)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
        i += 1
    close(len(lines))
    return passages, links


_FENCE_LINE = re.compile(r"^\s*(:{3,})\s*(\S*)")


def _body_findings(tokens: list, body: str, line_offset: int, path: str) -> list[Finding]:
    """Markup mistakes the renderer would publish silently: a care card never closed (the rest of
    the article would sit in the card), a ':::' line that is not a card, an empty heading."""
    from nerveguide.content.markdown import CARE_LEVELS

    findings = []
    lines = body.split("\n")
    open_cards: list[Token] = []
    cursor = (
        0  # body line of the last token with a position (tokens split by the card title have none)
    )
    for i, token in enumerate(tokens):
        if token.map:
            cursor = token.map[0]
        line = line_offset + cursor
        if token.type.startswith("container_") and token.nesting == 1:
            open_cards.append(token)
        elif token.type.startswith("container_") and token.nesting == -1:
            card = open_cards.pop() if open_cards else None
            if card is not None and not token.markup:  # the plugin closed it at the end of the text
                first = line_offset + _start_line(card)
                fence = card.markup
                findings.append(
                    Finding(
                        path,
                        first,
                        "error",
                        "card-unclosed",
                        f"kortet '{fence}{card.info.rstrip()}' på linje {first} lukkes aldrig: "
                        f"skriv en linje med {fence} (lige så mange kolon) efter kortets tekst",
                    )
                )
        elif token.type == "heading_open":
            inline = tokens[i + 1] if i + 1 < len(tokens) else None
            if inline is None or not inline_text(inline).strip():
                findings.append(
                    Finding(
                        path,
                        line,
                        "warning",
                        "heading-empty",
                        f"overskriften '{token.markup}' på linje {line} har ingen tekst; "
                        "skriv en overskrift eller slet linjen",
                    )
                )
        elif token.type == "inline":
            if open_cards and _repeats_card_numbers(open_cards[-1], tokens[i - 1], token.content):
                findings.append(
                    Finding(
                        path,
                        line,
                        "warning",
                        "card-repeats-numbers",
                        f"kortet på linje {line_offset + _start_line(open_cards[-1])} viser selv, at man "
                        "skal ringe til egen læge, lægevagten (med numrene) og 112 ved livsfare; "
                        "slet sætningen, der siger det igen (behold særlige råd, fx om en "
                        "ulykke)",
                    )
                )
            for text in token.content.split("\n"):
                match = _FENCE_LINE.match(text)
                if not match:
                    continue
                number = next(
                    (n for n in range(cursor, len(lines)) if lines[n].strip() == text.strip()),
                    cursor,
                )
                level = match[2].lower()
                if level and level not in CARE_LEVELS:
                    hint = f"'{level}' er ikke et kort; brug {', '.join(CARE_LEVELS)}"
                else:
                    hint = "den lukker ikke et kort (antallet af kolon skal være det samme som i åbningen)"
                findings.append(
                    Finding(
                        path,
                        line_offset + number,
                        "error",
                        "card-invalid",
                        f"linjen '{text.strip()}' bliver vist som tekst: {hint}",
                    )
                )
    return findings


# The call instructions the renderer adds to a care card (markdown.care_contacts_html): the
# lægevagt, its numbers, and 112 for danger to life. An author's own sentence saying the same
# shows the instruction twice. A specific 112 instruction (e.g. after an accident) is not a repeat.
_REPEATED_CALL = re.compile(
    r"lægevagt|\b(?:1813|1818|70 ?15 ?03 ?00|70 ?11 ?31 ?31|70 ?11 ?07 ?07)\b"
    r"|\b112\b[^.]*\b(?:livstruende|livsfare|fare for livet)|(?:livstruende|livsfare|fare for livet)[^.]*\b112\b",
    re.IGNORECASE,
)


def _repeats_card_numbers(card: Token, opening: Token, text: str) -> bool:
    """True for a paragraph in a card that shows numbers (not its heading) that repeats them."""
    from nerveguide.content.markdown import CARDS_WITH_NUMBERS

    level = (card.info.strip().split() or [""])[0].lower()
    if level not in CARDS_WITH_NUMBERS or opening.attrGet("class") == "care-card__heading":
        return False
    return bool(_REPEATED_CALL.search(text))


def _start_line(token: Token) -> int:
    """The body line (0-based) a block token starts on; the parser gives every one a position."""
    if token.map is None:
        raise ValueError(f"{token.type} token has no source position")
    return token.map[0]


def _collect_links(inline, line: int, links: list) -> None:
    for child in inline.children or ():
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if href.startswith("/") and not href.startswith("//"):
                links.append((href, line))


def _plain_passages(body: str, line_offset: int) -> list[Passage]:
    """Plain text (e.g. from a PDF): one intro passage per paragraph, lines joined."""
    passages = []
    paragraph: list[str] = []
    first = 0
    for number, line in enumerate(body.split("\n") + [""]):
        if line.strip():
            if not paragraph:
                first = number
            paragraph.append(line.strip())
        elif paragraph:
            passages.append(
                Passage(
                    None,
                    "",
                    0,
                    "intro",
                    " ".join(" ".join(paragraph).split()),
                    markdown="\n".join(paragraph),
                    line=line_offset + first,
                )
            )
            paragraph = []
    return passages


def _derive_title(meta: dict, passages: list[Passage], stem: str) -> str:
    if meta.get("title"):
        return meta["title"]
    meta_title = meta.get("metaTitle", "")
    for separator in (" – ", " — ", " - ", " → ", " | ", ": "):
        if separator in meta_title:
            return meta_title.split(separator)[0].strip()
    if meta_title:
        return meta_title
    for passage in passages:
        if passage.heading:
            return re.sub(r"[*_`]", "", passage.heading).strip()
    return stem


# --- files ------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise _Problem(
            data[: data.index(b"\x00")].count(b"\n") + 1,
            "not-utf8",
            "filen er binær (indeholder NUL-bytes), ikke UTF-8-tekst",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Problem(
            data[: error.start].count(b"\n") + 1,
            "not-utf8",
            f"filen er ikke UTF-8 (byte {error.start}); gem den som UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, 1-based line of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for number in range(1, len(lines)):
        if lines[number].rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
    raise _Problem(
        1, "yaml-invalid", "front matter begynder med '---' på linje 1, men lukkes aldrig med '---'"
    )


def _guess_front_matter(text: str) -> dict:
    """slug and title read line by line from front matter YAML could not parse, so the file keeps
    its slug (links to it are not reported as broken) and its title."""
    guessed = {}
    for key in ("slug", "title"):
        match = re.search(rf"^{key}\s*:\s*(.+?)\s*$", text, re.MULTILINE | re.IGNORECASE)
        if match:
            guessed[key] = match[1].strip("\"'")
    return guessed


def relative_name(path: Path, root: Path) -> str:
    """path relative to root in POSIX form, or just the file name when it lies outside root."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


@dataclass
class FileReading:
    """One file as read: the document (kept even when the file has errors, so its body is checked
    and links to it resolve; None when nothing usable was read), its findings, and the slug it
    claims (also for unreadable article files, from the file name; None for skipped files)."""

    source: str
    document: Document | None
    findings: list[Finding]
    slug: str | None
    slug_line: int = 1

    @property
    def has_errors(self) -> bool:
        """True if any finding is an error (the file's document may not be published)."""
        return any(f.severity == "error" for f in self.findings)


def read_file(path: Path, root: Path, today: dt.date | None = None) -> FileReading:
    """Read one file. Never raises: problems are Findings."""
    name = relative_name(path, root)
    findings: list[Finding] = []
    claimed = (
        slugify(path.stem) if path.suffix.lower() in MARKDOWN_SUFFIXES | TEXT_SUFFIXES else None
    )
    try:
        document = _read(path, name, findings, today or dt.date.today())
    except _Problem as problem:
        findings.append(Finding(name, problem.line, "error", problem.code, problem.message))
        return FileReading(name, None, findings, claimed or None)
    except _EmptyBody as empty:
        return FileReading(name, None, findings, empty.slug, empty.line)
    except (RecursionError, MemoryError):
        findings.append(
            Finding(
                name, 1, "error", "too-complex", "filen er indlejret for dybt til at blive læst"
            )
        )
        return FileReading(name, None, findings, claimed or None)
    except Exception as error:  # noqa: BLE001 -- the promise is "never crash": report it instead
        findings.append(
            Finding(
                name,
                1,
                "error",
                "unreadable",
                f"filen kunne ikke læses: {type(error).__name__}: {error}",
            )
        )
        return FileReading(name, None, findings, claimed or None)
    if document is None:
        skipped = any(f.code == "file-skipped" for f in findings)
        return FileReading(name, None, findings, None if skipped else claimed or None)
    return FileReading(name, document, findings, document.slug, document.key_lines.get("slug", 1))


def read_document(
    path: Path, root: Path, today: dt.date | None = None
) -> tuple[Document | None, list[Finding]]:
    """Read one file. Never raises: problems are Findings; a file with an error gives None."""
    reading = read_file(path, root, today)
    return (None if reading.has_errors else reading.document), reading.findings


def _read(path: Path, name: str, findings: list[Finding], today: dt.date) -> Document | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Problem(
                1, "file-too-large", f"filen fylder {size} bytes; grænsen er {MAX_FILE_BYTES}"
            )
        data = path.read_bytes()
    except OSError as error:
        raise _Problem(
            1, "unreadable", f"filen kunne ikke læses: {error.strerror or error}"
        ) from None
    text = _decode(data)
    front_matter, body, line_offset = _split_front_matter(text)
    suffix = path.suffix.lower()
    if front_matter is None and suffix not in MARKDOWN_SUFFIXES | TEXT_SUFFIXES:
        findings.append(
            Finding(
                name,
                1,
                "warning",
                "file-skipped",
                "ikke Markdown (.md/.markdown eller front matter) eller .txt; springes over",
            )
        )
        return None

    meta: dict = {}
    key_lines: dict[str, int] = {}
    if front_matter is not None:
        try:
            raw, key_lines, bad_text = _load_front_matter(front_matter, first_line=2)
        except _Problem as problem:
            # Keep going: the body is still checked and the file keeps its slug for link checks.
            findings.append(Finding(name, problem.line, "error", problem.code, problem.message))
            raw, bad_text = _guess_front_matter(front_matter), []
        for line, character in bad_text:
            findings.append(
                Finding(
                    name,
                    line,
                    "error",
                    "text-invalid",
                    f"linje {line} indeholder et styretegn, der ikke kan gemmes ({character}, "
                    "fx \\0 i anførselstegn); slet det",
                )
            )
        meta = _normalise_meta(dict(raw), key_lines, name, 2, findings)

    if not body.strip():
        findings.append(
            Finding(
                name, line_offset, "error", "body-empty", "filen har ingen tekst efter front matter"
            )
        )
        slug = slugify(meta.get("slug", "")) or slugify(path.stem)
        if slug:  # still claims its slug (links to it are not broken, a duplicate is still found)
            raise _EmptyBody(slug, key_lines.get("slug", 1))
        return None

    is_plain = front_matter is None and suffix in TEXT_SUFFIXES
    tokens = None
    links: list[tuple[str, int]]
    if is_plain:
        passages, links = _plain_passages(body, line_offset), []
        title = meta.get("title") or (passages[0].text[:120] if passages else path.stem)
    else:
        tokens = parser().parse(body)
        passages, links = _passages(tokens, body, line_offset)
        findings.extend(_body_findings(tokens, body, line_offset, name))
        title = _derive_title(meta, passages, path.stem)
    slug = slugify(meta.get("slug", "")) or slugify(path.stem) or slugify(title) or "dokument"
    document = Document(
        source=name,
        slug=slug,
        title=title,
        meta=meta,
        body=body,
        passages=passages,
        line_offset=line_offset,
        format="text" if is_plain else "markdown",
        links=links,
        key_lines=key_lines,
        tokens=tokens,
    )
    _check_document(document, key_lines, findings, today)
    return document


def _check_document(
    document: Document, key_lines: dict, findings: list[Finding], today: dt.date
) -> None:
    meta, name = document.meta, document.source

    def warn(line, code, message):
        findings.append(Finding(name, line, "warning", code, message))

    published, updated = meta.get("datePublished"), meta.get("lastUpdated")
    if published and updated and updated < published:
        warn(
            key_lines.get("lastUpdated", 1),
            "updated-before-published",
            f"lastUpdated {updated.isoformat()} ligger før datePublished {published.isoformat()}",
        )
    if document.format == "markdown" and not meta.get("description"):
        warn(
            1, "description-missing", "ingen 'description' (vises af søgemaskiner; højst 155 tegn)"
        )
    next_review = meta.get("nextReview")
    if next_review and next_review < today:
        warn(
            key_lines.get("nextReview", key_lines.get("lastReviewed", 1)),
            "review-overdue",
            f"artiklen skulle have været gennemgået {next_review.isoformat()}",
        )
    first_text = next((p for p in document.passages if p.text), None)
    if first_text and document.format == "markdown":
        label = _BODY_LABEL.match(first_text.text)
        if label:
            warn(
                first_text.line,
                "body-label",
                f"teksten begynder med '{label[1]}:', som ligner en overset etiket eller nøgle",
            )
    if document.audience == "patient":
        score = lixmod.lix(document.prose())
        if score is not None and score > lixmod.PATIENT_LIMIT:
            warn(
                document.line_offset,
                "lix-high",
                f"LIX {score:.0f} er over {lixmod.PATIENT_LIMIT}: brug kortere sætninger og ord til patienter",
            )
    if document.format == "markdown" and not meta.get("reviewedBy"):
        warn(
            key_lines.get("lastReviewed", 1),
            "reviewer-missing",
            "ingen 'reviewedBy': siden viser 'Endnu ikke fagligt gennemgået', indtil en navngiven fagperson "
            "har gennemgået teksten (skriv aldrig en, der ikke har)",
        )


# --- directories ------------------------------------------------------------------------------


def candidate_files(root: Path) -> list[Path]:
    """Files under root, sorted; hidden files/folders and READMEs are not documents, and a
    link that leads outside root is never read (see `outside_links`)."""
    return [path for path in _files(root) if _inside(path, root)]


def outside_links(root: Path) -> list[Path]:
    """Files under root that are links to something outside it ("leak.md -> /etc/passwd")."""
    return [path for path in _files(root) if not _inside(path, root)]


def _files(root: Path) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(part.startswith((".", "_")) for part in parts):
            continue
        if path.is_file() and not path.name.lower().startswith("readme"):
            files.append(path)
    return files


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def read_directory(
    root: Path,
    today: dt.date | None = None,
    known_slugs: frozenset[str] = frozenset(),
    find_near_duplicates: bool = True,
    site_paths: frozenset[str] = SITE_PATHS,
) -> tuple[list[Document], list[Finding]]:
    """Read every document under root and run the checks that need all of them.

    Returns (documents that may be published, all findings). This is the one verdict `check` and
    `ingest` share: a document is returned only when its file has no error, and no other file
    claims its slug (then every file claiming it gets a `slug-duplicate` error naming all of them,
    so none is published and the article already online stays as it is). A file with an error
    still claims its slug, so links to it are not reported as broken (one error does not cascade).

    known_slugs: articles that exist elsewhere (ingest passes those still online), so links
    to them are not broken even when their own file cannot be read right now.
    site_paths: first path segments other pages of the site use ("soeg" for /soeg/); links to
    them are not article links. Default SITE_PATHS; with Django, pass the URLconf's."""
    from nerveguide.content.consistency import number_fact_findings
    from nerveguide.content.similarity import near_duplicates

    root = Path(root)
    if not root.is_dir():
        return [], [Finding(str(root), 1, "error", "not-a-directory", "mappen findes ikke")]
    readings = [read_file(path, root, today) for path in candidate_files(root)]
    findings = [f for reading in readings for f in reading.findings]
    findings += [
        Finding(
            relative_name(path, root),
            1,
            "error",
            "link-outside-folder",
            "filen er et link til noget uden for mappen; den læses ikke (kopiér artiklen ind i mappen)",
        )
        for path in outside_links(root)
    ]

    claims: dict[str, list[FileReading]] = {}
    for reading in readings:
        if reading.slug:
            claims.setdefault(reading.slug, []).append(reading)
    for slug, group in claims.items():
        if len(group) > 1:
            names = " og ".join(r.source for r in group)
            for reading in group:
                findings.append(
                    Finding(
                        reading.source,
                        reading.slug_line,
                        "error",
                        "slug-duplicate",
                        f"slug '{slug}' bruges af både {names}; ingen af dem udgives, før hver fil har sin "
                        "egen slug (giv kopien en ny 'slug:')",
                    )
                )
        if (
            slug in site_paths
        ):  # the other page wins (the article pattern comes last): never reachable
            for reading in group:
                findings.append(
                    Finding(
                        reading.source,
                        reading.slug_line,
                        "error",
                        "slug-reserved",
                        f"slug '{slug}' er adressen på en anden side på sitet (/{slug}/), så artiklen kan "
                        "ikke ligge der; giv den en anden 'slug:'",
                    )
                )
    by_slug = {
        slug: next((r.document for r in group if r.document), None)
        for slug, group in claims.items()
    }
    documents = [r.document for r in readings if r.document is not None]
    findings.extend(_link_findings(documents, by_slug, known_slugs, site_paths))

    erroneous = {f.path for f in findings if f.severity == "error"}
    publishable = [d for d in documents if d.source not in erroneous]
    findings.extend(number_fact_findings(publishable))
    for a, b, score in near_duplicates(publishable) if find_near_duplicates else ():
        findings.append(
            Finding(
                b.source,
                1,
                "warning",
                "near-duplicate",
                f"deler mange vendinger med {a.source} (lighed {score:.2f}); slå dem sammen "
                "eller omskriv den ene",
            )
        )
    findings.sort(key=lambda f: (f.path, f.line, f.code))
    return publishable, findings


def _nearest(text: str, choices) -> str | None:
    """The closest existing choice to a mistyped slug or anchor (difflib ratio >= 0.6), or None."""
    matches = difflib.get_close_matches(text, sorted(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _link_findings(
    documents: list[Document],
    by_slug: dict[str, Document | None],
    known_slugs=frozenset(),
    site_paths: frozenset[str] = SITE_PATHS,
) -> list[Finding]:
    findings = []
    slugs = set(by_slug) | set(known_slugs)
    for document in documents:
        for href, line in document.links:
            match = _INTERNAL_LINK.match(href)
            if not match or match[1] in site_paths or "." in match[1]:
                continue  # deeper paths (/images/x.png) and other apps' pages are not articles
            shown = unquote(href)  # as the editor typed it: /rygsmærter/, not /rygsm%C3%A6rter/
            if match[1] not in slugs:
                typed = unquote(match[1])
                guess = _nearest(slugify(typed) or typed, slugs)
                hint = f"; mente du /{guess}/?" if guess else ""
                if guess and guess == slugify(typed) and guess != typed:
                    hint += " (i adresser skrives æ, ø og å som ae, oe og aa)"
                findings.append(
                    Finding(
                        document.source,
                        line,
                        "error",
                        "link-broken",
                        f"linket {shown} peger ikke på en artikel: ingen artikel har "
                        f"slug '{typed}'{hint}",
                    )
                )
                continue
            target = by_slug.get(match[1])
            if (
                target is not None
                and match[2]
                and match[2] not in {p.anchor for p in target.passages}
            ):
                anchor = unquote(match[2])
                guess = _nearest(
                    slugify(anchor) or anchor, {p.anchor for p in target.passages if p.anchor}
                )
                hint = f"; mente du #{guess}?" if guess else ""
                findings.append(
                    Finding(
                        document.source,
                        line,
                        "warning",
                        "link-anchor-missing",
                        f"linket {shown}: {target.source} har ingen overskrift med id "
                        f"'{anchor}'{hint}",
                    )
                )
        for slug in document.meta.get("related", []):
            if slug not in slugs:
                guess = _nearest(slug, slugs)
                hint = f"; mente du '{guess}'?" if guess else ""
                findings.append(
                    Finding(
                        document.source,
                        document.key_lines.get("related", 1),
                        "error",
                        "link-broken",
                        f"related: der er ingen artikel med slug '{slug}'{hint}",
                    )
                )
    return findings
