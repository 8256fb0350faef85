"""Markdown to safe HTML for articles and any other app's text (no Django imports).

CommonMark + tables via markdown-it-py, raw HTML off (it shows as text), heading ids as readable
Danish anchors, care cards (`::: akut`, `::: laege-i-dag`, `::: laege`, `::: fysioterapeut`) with the
phone numbers added, and the output sanitised with nh3 as a second line of defence.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from html import escape

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from nerveguide.danish.slugs import AnchorMaker

# Card names as written after ":::", most urgent first. "laege-i-dag" is the self-check's level
# laege_i_dag (same day); "laege" is "book a time within days".
CARE_LEVELS = ("akut", "laege-i-dag", "laege", "fysioterapeut")
CARD_LEVEL_IDS = {
    "laege-i-dag": "laege_i_dag"
}  # CSS class = the self-check level id (same colours)
CARD_LABELS = {
    "akut": "Akut",
    "laege-i-dag": "Kontakt lægen i dag",
    "laege": "Kontakt lægen inden for få dage",
    "fysioterapeut": "Kontakt en fysioterapeut",
}
CARDS_WITH_NUMBERS = ("akut", "laege-i-dag", "laege")

ALLOWED_TAGS = {
    "a",
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "aside",
    "div",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "aside": {"class", "aria-label"},
    "div": {"class"},
    "p": {"class"},
    "span": {"class"},
    "ul": {"class"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def inline_text(token: Token) -> str:
    """Plain text of an inline token: markup gone, link text kept, images (alt text) left out."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _heading_anchors(state) -> None:
    """Give every heading an id; the same ids documents.Passage.anchor uses."""
    make_anchor = AnchorMaker()
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            token.attrSet("id", make_anchor(inline_text(tokens[i + 1])))


def _care_card_titles(state) -> None:
    """The first line inside a care card is its heading; the rest of that paragraph stays text."""
    tokens = state.tokens
    for i in range(len(tokens) - 2, -1, -1):  # backwards: inserting tokens keeps indexes valid
        token = tokens[i]
        if (
            token.type.startswith("container_")
            and token.type.endswith("_open")
            and tokens[i + 1].type == "paragraph_open"
        ):
            tokens[i + 1].attrSet("class", "care-card__heading")
            _split_after_first_line(tokens, i + 1)


def _split_after_first_line(tokens: list, paragraph_index: int) -> None:
    inline = tokens[paragraph_index + 1]
    children = inline.children or []
    breaks = [k for k, child in enumerate(children) if child.type in ("softbreak", "hardbreak")]
    if not breaks:
        return
    first_break = breaks[0]
    rest = Token(
        "inline",
        "",
        0,
        children=children[first_break + 1 :],
        block=True,
        level=inline.level,
        content=inline.content.split("\n", 1)[-1],
    )
    inline.children = children[:first_break]
    inline.content = inline.content.split("\n", 1)[0]
    level = tokens[paragraph_index].level
    tokens[paragraph_index + 2 : paragraph_index + 2] = [
        Token("paragraph_close", "p", -1, block=True, level=level),
        Token("paragraph_open", "p", 1, block=True, level=level),
        rest,
    ]


@cache
def _care_number_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """A regex matching 112 and every lægevagt number as written in text, and text -> tel: href."""
    from nerveguide.danish.contacts import emergency_number, laegevagt_contacts
    from nerveguide.danish.formatting import format_phone, phone_href

    numbers = [emergency_number()] + [c.phone for c in laegevagt_contacts()]
    hrefs = {format_phone(n): phone_href(n) for n in numbers}
    alternatives = "|".join(re.escape(text) for text in sorted(hrefs, key=len, reverse=True))
    return re.compile(rf"(?<![\d+])(?<!\d )(?:{alternatives})(?!\d)(?! \d)"), hrefs


def _link_care_numbers(state) -> None:
    """Make 112 and the lægevagt numbers in running text tap-to-call links (tables included).

    Only numbers from danish/data/laegevagt.yaml are linked, never other digits; text already
    inside a link and headings are left alone.
    """
    pattern, hrefs = _care_number_pattern()
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if (
            token.type != "inline"
            or not token.children
            or (i and tokens[i - 1].type == "heading_open")
        ):
            continue
        children, depth = [], 0
        for child in token.children:
            depth += child.type == "link_open"
            depth -= child.type == "link_close"
            if child.type != "text" or depth or not pattern.search(child.content):
                children.append(child)
                continue
            position = 0
            for match in pattern.finditer(child.content):
                if match.start() > position:
                    children.append(_text_token(child.content[position : match.start()]))
                link = Token("link_open", "a", 1)
                link.attrSet("href", hrefs[match.group()])
                children += [link, _text_token(match.group()), Token("link_close", "a", -1)]
                position = match.end()
            if position < len(child.content):
                children.append(_text_token(child.content[position:]))
        token.children = children


def _text_token(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


# What the card says before the numbers: how soon to call the own doctor, per card level.
CARD_CALL_TEXT = {
    "akut": "Ring til din egen læge nu.",
    "laege-i-dag": "Ring til din egen læge i dag.",
    "laege": "Ring til din egen læge, og få en tid inden for få dage.",
}


@cache
def care_contacts_html(level: str = "akut") -> str:
    """112, own doctor and lægevagten for every region, as tel: links (data: danish/contacts).

    The one place a care card's call instructions come from: article text does not repeat them
    (`nerveguide check` warns with card-repeats-numbers when it does).
    """
    # Imported here so this module loads without the data when cards are not used.
    from nerveguide.danish.contacts import emergency_number, laegevagt_contacts
    from nerveguide.danish.formatting import format_phone, phone_href

    emergency = emergency_number()
    items = "".join(
        f'<li>{escape(c.health_region)}: <a href="{escape(c.href)}">{escape(c.display)}</a></li>'
        for c in laegevagt_contacts()
    )
    return (
        '<div class="care-card__contacts">'
        f'<p>Ved livsfare: ring <a href="{phone_href(emergency)}">{format_phone(emergency)}</a>.</p>'
        f"<p>{CARD_CALL_TEXT[level]} Uden for lægens åbningstid ringer du til lægevagten i din region:</p>"
        f'<ul class="care-card__numbers">{items}</ul>'
        "</div>"
    )


def _card_renderer(level: str):
    def render(self, tokens, idx, options, env):
        token = tokens[idx]
        if token.nesting == 1:
            css_level = CARD_LEVEL_IDS.get(level, level)
            html = f'<aside class="care-card care-card--{css_level}" aria-label="{CARD_LABELS[level]}">\n'
            extra_title = token.info.strip()[len(level) :].strip()
            if extra_title:
                html += f'<p class="care-card__heading">{escape(extra_title)}</p>\n'
            return html
        contacts = care_contacts_html(level) if level in CARDS_WITH_NUMBERS else ""
        return f"{contacts}</aside>\n"

    return render


@cache
def parser() -> MarkdownIt:
    """The one Markdown dialect of the project (documents.py parses with it too)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    for level in CARE_LEVELS:
        md.use(container_plugin, name=level, render=_card_renderer(level))
    md.core.ruler.push("heading_anchors", _heading_anchors)
    md.core.ruler.push("care_card_titles", _care_card_titles)
    md.core.ruler.push("care_number_links", _link_care_numbers)
    return md


def sanitise(html: str) -> str:
    """HTML cleaned with nh3 down to ALLOWED_TAGS, ALLOWED_ATTRIBUTES and URL_SCHEMES; comments
    removed.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Markdown (any source, also user text) to sanitised HTML."""
    return sanitise(parser().render(text or ""))


@dataclass
class Rendered:
    """An article body rendered: sanitised HTML and its table of contents (## and ### headings)."""

    html: str
    toc: list[dict] = field(default_factory=list)  # [{"level", "text", "anchor"}] for ## and ###


def render_article(body: str, tokens: list | None = None) -> Rendered:
    """Body HTML and table of contents; pass tokens from documents.read_document to skip a parse."""
    md = parser()
    if tokens is None:
        tokens = md.parse(body or "")
    toc = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h2", "h3") and token.level == 0:
            toc.append(
                {
                    "level": int(token.tag[1]),
                    "text": inline_text(tokens[i + 1]),
                    "anchor": token.attrGet("id"),
                }
            )
    html = md.renderer.render(tokens, md.options, {})
    return Rendered(html=sanitise(html), toc=toc)
