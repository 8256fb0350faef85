"""Read article files into Documents and report problems as Findings (no Django imports).

Real-world input: Markdown with YAML front matter (dates as dd/mm/yyyy or ISO, keys with odd
capitals, CRLF, a BOM), plain text pasted from a PDF, and sometimes garbage. Nothing here raises
on bad input: a file that cannot be read becomes a Finding with its line and is skipped; the
rest still load. See docs/content.md for the format and the list of finding codes.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nerveguide.content import lix as lixmod
from nerveguide.content.markdown import inline_text, parser
from nerveguide.content.slugs import AnchorMaker, slugify

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
MAX_FILE_BYTES = 16 * 1024 * 1024
REVIEW_INTERVAL_YEARS = 3
FAQ_HEADINGS = {"ofte stillede spoergsmaal", "faq", "spoergsmaal og svar"}
# Site paths other apps serve; links to them (and below them) are never broken article links.
SITE_PATHS = {"symptomtjek", "find-fysioterapeut", "patientuddannelse", "emner", "soeg", "klinik",
              "api", "static", "admin"}
ARTICLE_RELATED_TYPES = {None, "", "ordbog", "artikel", "article"}

AUDIENCES = {"patient": "patient", "borger": "patient", "clinician": "clinician",
             "fagperson": "clinician", "fagfolk": "clinician", "fysioterapeut": "clinician"}
REGIONS = {"nakke": "nakke", "nakken": "nakke", "laend": "laend", "laenden": "laend",
           "laenderyg": "laend", "ryg": "laend", "begge": "begge"}
STRING_KEYS = ("title", "metaTitle", "description", "slug", "reviewedBy", "topic")
DATE_KEYS = ("datePublished", "lastUpdated", "lastReviewed", "nextReview")
KNOWN_KEYS = (*STRING_KEYS, *DATE_KEYS, "audience", "region", "related", "sources")
_KEY_BY_FOLDED = {re.sub(r"[^a-z]", "", k.lower()): k for k in KNOWN_KEYS}


@dataclass
class Finding:
    path: str
    line: int
    severity: str  # "error" | "warning"
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"file": self.path, "line": self.line, "severity": self.severity,
                "code": self.code, "message": self.message}


@dataclass
class Passage:
    heading: str | None
    anchor: str
    level: int
    kind: str  # "intro" | "section" | "faq"
    text: str
    markdown: str = ""  # the Markdown source under the heading (for rendering FAQ answers)
    line: int = 0  # 1-based line of the heading (or of the first text line) in the file


@dataclass
class Document:
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
    tokens: list | None = field(default=None, repr=False, compare=False)  # parsed body, for rendering

    @property
    def audience(self) -> str:
        return self.meta.get("audience", "patient")

    def prose(self) -> str:
        """Paragraph and list text without headings, one block a line (for LIX)."""
        return "\n".join(p.text for p in self.passages if p.text)


# --- YAML -------------------------------------------------------------------------------------


class FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like plain scalars: only true/false are booleans, only plain
    decimal numbers are numbers, dates stay text (we parse dd/mm/yyyy ourselves), and "no",
    "on", "1:20", "0755" stay strings. Aliases are refused (no billion laughs)."""

    yaml_implicit_resolvers: dict = {}

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark)
        return super().compose_node(parent, index)


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
     "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    FrontMatterLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Problem(Exception):
    """A file-level error: becomes one Finding and the file is skipped."""

    def __init__(self, line: int, code: str, message: str):
        super().__init__(message)
        self.line, self.code, self.message = line, code, message


def _load_front_matter(text: str, first_line: int) -> tuple[dict, dict[str, int]]:
    """Parse YAML; returns the mapping and each top-level key's 1-based line in the file."""
    loader = FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise _Problem(first_line, "yaml-invalid", "front matter must be a list of 'key: value' lines")
        data = loader.construct_document(node)
        lines = {}
        for key_node, _ in node.value:
            lines.setdefault(str(key_node.value), first_line + key_node.start_mark.line)
        return data, lines
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error)
        raise _Problem(line, "yaml-invalid", f"front matter is not valid YAML: {problem}") from None
    except RecursionError:
        raise _Problem(first_line, "yaml-invalid", "front matter is nested too deeply") from None
    except TypeError:  # unhashable keys such as "? [a, b]: c"
        raise _Problem(first_line, "yaml-invalid", "front matter has a key that is not text") from None
    finally:
        loader.dispose()


# --- values -----------------------------------------------------------------------------------

_DATE_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), (3, 2, 1)),
)


def parse_date(value) -> dt.date | None:
    """dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd (an ISO time part is ignored)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    text = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$", "", text)
    for pattern, (y, m, d) in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            try:
                date = dt.date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                return None
            return date if 1900 <= date.year <= 2200 else None
    return None


def add_years(date: dt.date, years: int) -> dt.date:
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


def _normalise_sources(value) -> list[dict] | None:
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


def _normalise_meta(raw: dict, key_lines: dict, path: str, first_line: int,
                    findings: list[Finding]) -> dict:
    """Front matter in our key names and types; unknown keys kept as they are and warned."""

    def line_of(key):
        return key_lines.get(key, first_line)

    def warn(key, code, message):
        findings.append(Finding(path, line_of(key), "warning", code, message))

    meta: dict = {}
    for key, value in list(raw.items()):
        key = str(key)
        if key in KNOWN_KEYS:
            continue
        meta[key] = value
        folded = _KEY_BY_FOLDED.get(re.sub(r"[^a-z]", "", key.lower()))
        if folded:
            warn(key, "key-unknown", f"unknown key '{key}' (did you mean '{folded}'?)")
            raw.setdefault(folded, value)  # use it, so the intended value is not lost
            key_lines.setdefault(folded, line_of(key))
        else:
            warn(key, "key-unknown", f"unknown key '{key}' is kept but not used")

    for key in STRING_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            warn(key, "key-invalid", f"'{key}' must be text, not a {type(value).__name__}")
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
            findings.append(Finding(path, line_of(key), "error", "date-invalid",
                                    f"'{key}: {value}' is not a date (use dd/mm/yyyy or yyyy-mm-dd)"))
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
            warn(key, "key-invalid", f"'{key}: {value}' is not one of {choices}")
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
            warn("sources", "key-invalid", "'sources' must be a list of {title, url}")
        else:
            meta["sources"] = sources

    if "nextReview" not in meta and "lastReviewed" in meta:
        meta["nextReview"] = add_years(meta["lastReviewed"], REVIEW_INTERVAL_YEARS)
    return meta


# --- body -------------------------------------------------------------------------------------

_INTERNAL_LINK = re.compile(r"^/([^/?#]+)/?(?:#(.*))?$")
_BODY_LABEL = re.compile(r"^([A-ZÆØÅ]{2,}):\s")


def _passages(tokens: list, body: str, line_offset: int) -> tuple[list[Passage], list[tuple[str, int]]]:
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
                in_faq = level == 2 and slugify(inline_text(inline)).replace("-", " ") in FAQ_HEADINGS
            kind = "faq" if in_faq and level == 3 else "section"
            current = Passage(heading, make_anchor(inline_text(inline)), level, kind, "",
                              line=line_offset + token.map[0])
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
            passages.append(Passage(None, "", 0, "intro", " ".join(" ".join(paragraph).split()),
                                    markdown="\n".join(paragraph), line=line_offset + first))
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
        raise _Problem(data[: data.index(b"\x00")].count(b"\n") + 1, "not-utf8",
                       "file is binary (contains NUL bytes), not UTF-8 text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Problem(data[: error.start].count(b"\n") + 1, "not-utf8",
                       f"file is not UTF-8 (byte {error.start}); save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, 1-based line of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for number in range(1, len(lines)):
        if lines[number].rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    raise _Problem(1, "yaml-invalid", "front matter starts with '---' but is never closed with '---'")


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_document(path: Path, root: Path, today: dt.date | None = None
                  ) -> tuple[Document | None, list[Finding]]:
    """Read one file. Never raises: problems are Findings; an unusable file gives None."""
    name = relative_name(path, root)
    findings: list[Finding] = []
    try:
        document = _read(path, name, findings, today or dt.date.today())
    except _Problem as problem:
        return None, [*findings, Finding(name, problem.line, "error", problem.code, problem.message)]
    except (RecursionError, MemoryError):
        return None, [*findings, Finding(name, 1, "error", "too-complex", "file is nested too deeply to read")]
    except Exception as error:  # noqa: BLE001 -- the promise is "never crash": report it instead
        return None, [*findings, Finding(name, 1, "error", "unreadable",
                                         f"could not read file: {type(error).__name__}: {error}")]
    if any(f.severity == "error" for f in findings):
        return None, findings
    return document, findings


def _read(path: Path, name: str, findings: list[Finding], today: dt.date) -> Document | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Problem(1, "file-too-large", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")
        data = path.read_bytes()
    except OSError as error:
        raise _Problem(1, "unreadable", f"could not read file: {error.strerror or error}") from None
    text = _decode(data)
    front_matter, body, line_offset = _split_front_matter(text)
    suffix = path.suffix.lower()
    if front_matter is None and suffix not in MARKDOWN_SUFFIXES | TEXT_SUFFIXES:
        findings.append(Finding(name, 1, "warning", "file-skipped",
                                "not Markdown (.md/.markdown or front matter) or .txt; skipped"))
        return None

    meta: dict = {}
    if front_matter is not None:
        raw, key_lines = _load_front_matter(front_matter, first_line=2)
        meta = _normalise_meta(dict(raw), key_lines, name, 2, findings)
    else:
        key_lines = {}

    if not body.strip():
        findings.append(Finding(name, line_offset, "error", "body-empty", "the file has no text after the front matter"))
        return None

    is_plain = front_matter is None and suffix in TEXT_SUFFIXES
    tokens = None
    if is_plain:
        passages, links = _plain_passages(body, line_offset), []
        title = meta.get("title") or (passages[0].text[:120] if passages else path.stem)
    else:
        tokens = parser().parse(body)
        passages, links = _passages(tokens, body, line_offset)
        title = _derive_title(meta, passages, path.stem)
    slug = slugify(meta.get("slug", "")) or slugify(path.stem) or slugify(title) or "dokument"
    document = Document(source=name, slug=slug, title=title, meta=meta, body=body, passages=passages,
                        line_offset=line_offset, format="text" if is_plain else "markdown", links=links,
                        key_lines=key_lines, tokens=tokens)
    _check_document(document, key_lines, findings, today)
    return document


def _check_document(document: Document, key_lines: dict, findings: list[Finding], today: dt.date) -> None:
    meta, name = document.meta, document.source

    def warn(line, code, message):
        findings.append(Finding(name, line, "warning", code, message))

    published, updated = meta.get("datePublished"), meta.get("lastUpdated")
    if published and updated and updated < published:
        warn(key_lines.get("lastUpdated", 1), "updated-before-published",
             f"lastUpdated {updated.isoformat()} is before datePublished {published.isoformat()}")
    if document.format == "markdown" and not meta.get("description"):
        warn(1, "description-missing", "no 'description' (shown by search engines; at most 155 characters)")
    next_review = meta.get("nextReview")
    if next_review and next_review < today:
        warn(key_lines.get("nextReview", key_lines.get("lastReviewed", 1)), "review-overdue",
             f"the review was due {next_review.isoformat()}")
    first_text = next((p for p in document.passages if p.text), None)
    if first_text and document.format == "markdown":
        label = _BODY_LABEL.match(first_text.text)
        if label:
            warn(first_text.line, "body-label",
                 f"the text starts with '{label[1]}:', which looks like a leftover label or key")
    if document.audience == "patient":
        score = lixmod.lix(document.prose())
        if score is not None and score > lixmod.PATIENT_LIMIT:
            warn(document.line_offset, "lix-high",
                 f"LIX {score:.0f} is above {lixmod.PATIENT_LIMIT}: use shorter sentences and words for patients")


# --- directories ------------------------------------------------------------------------------


def candidate_files(root: Path) -> list[Path]:
    """Files under root, sorted; hidden files/folders and READMEs are not documents."""
    files = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(part.startswith((".", "_")) for part in parts):
            continue
        if path.is_file() and not path.name.lower().startswith("readme"):
            files.append(path)
    return files


def read_directory(root: Path, today: dt.date | None = None, known_slugs: frozenset[str] = frozenset(),
                   find_near_duplicates: bool = True) -> tuple[list[Document], list[Finding]]:
    """Read every document under root and run the checks that need all of them.

    known_slugs: articles that exist elsewhere (ingest passes those still online), so links
    to them are not broken even when their own file cannot be read right now."""
    from nerveguide.content.similarity import near_duplicates

    root = Path(root)
    findings: list[Finding] = []
    if not root.is_dir():
        return [], [Finding(str(root), 1, "error", "not-a-directory", "no such directory")]
    documents: list[Document] = []
    for path in candidate_files(root):
        document, file_findings = read_document(path, root, today)
        findings.extend(file_findings)
        if document is not None:
            documents.append(document)

    by_slug: dict[str, Document] = {}
    unique: list[Document] = []
    for document in documents:
        first = by_slug.setdefault(document.slug, document)
        if first is document:
            unique.append(document)
        else:
            findings.append(Finding(document.source, 1, "error", "slug-duplicate",
                                    f"slug '{document.slug}' is already used by {first.source}"))
    findings.extend(_link_findings(unique, by_slug, known_slugs))
    for a, b, score in near_duplicates(unique) if find_near_duplicates else ():
        findings.append(Finding(b.source, 1, "warning", "near-duplicate",
                                f"shares many phrases with {a.source} (similarity {score:.2f}); merge them or rewrite one"))
    findings.sort(key=lambda f: (f.path, f.line, f.code))
    return unique, findings


def _link_findings(documents: list[Document], by_slug: dict[str, Document], known_slugs=frozenset()
                   ) -> list[Finding]:
    findings = []
    for document in documents:
        for href, line in document.links:
            match = _INTERNAL_LINK.match(href)
            if not match or match[1] in SITE_PATHS or "." in match[1]:
                continue  # deeper paths (/images/x.png) and other apps' pages are not articles
            target = by_slug.get(match[1])
            if target is None and match[1] in known_slugs:
                continue
            if target is None:
                findings.append(Finding(document.source, line, "error", "link-broken",
                                        f"link to {href}: there is no article with slug '{match[1]}'"))
            elif match[2] and match[2] not in {p.anchor for p in target.passages}:
                findings.append(Finding(document.source, line, "warning", "link-anchor-missing",
                                        f"link to {href}: {target.source} has no heading with id '{match[2]}'"))
        for slug in document.meta.get("related", []):
            if slug not in by_slug and slug not in known_slugs:
                findings.append(Finding(document.source, document.key_lines.get("related", 1), "error",
                                        "link-broken", f"related article '{slug}' does not exist"))
    return findings
