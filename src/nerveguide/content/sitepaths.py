"""The site's reserved URL prefixes, read from the URLconf (the Django side of documents.SITE_PATHS).

An article lives at /<slug>/ (the content app's last, catch-all pattern). Every other first path
segment the URLconf routes ("soeg", "find-fysioterapeut", "om-nerveguide", ...) belongs to another
page, so an article link to it is not a broken article link, and no article may be served there.
`check` and `ingest` pass `reserved_prefixes()` to `documents.read_directory`; the pure reader
keeps a copy (documents.SITE_PATHS) as its default without Django, which a test keeps equal.
"""

import re

from django.conf import settings
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern


def _first_segment(pattern) -> str | None:
    """ "soeg" for path("soeg/", ...), "find-fysioterapeut" for "find-fysioterapeut/klinik/<slug:slug>/",
    "robots.txt" for "robots.txt"; None when the first segment is not literal ("<slug:slug>/", an
    article; a regex with syntax in it) or is empty (an include() at the root)."""
    if isinstance(pattern, RoutePattern):
        head = str(pattern).split("/", 1)[0]
        return head if head and "<" not in head else None
    head = str(pattern).lstrip("^").split("/", 1)[0].replace("\\.", ".")
    return head if re.fullmatch(r"[\w.-]+", head) else None


def _prefixes(patterns) -> set[str]:
    found: set[str] = set()
    for entry in patterns:
        segment = _first_segment(entry.pattern)
        if segment is not None:
            found.add(segment)
        elif isinstance(entry, URLResolver) and str(entry.pattern).lstrip("^") == "":
            found |= _prefixes(entry.url_patterns)  # an include() at the root: look inside
    return found


def reserved_prefixes() -> frozenset[str]:
    """First path segments the URLconf (and STATIC_URL/MEDIA_URL) serve other than articles,
    e.g. frozenset({"admin", "api", "emner", "soeg", "static", ...}); file-like ones with a dot
    ("robots.txt", "sitemap.xml") are included too. Requires configured Django settings."""
    found = _prefixes(get_resolver().url_patterns)
    for url in (settings.STATIC_URL, getattr(settings, "MEDIA_URL", "")):
        segment = str(url or "").strip("/").split("/", 1)[0]
        if segment and "://" not in str(url):
            found.add(segment)
    return frozenset(found)


def article_prefixes() -> frozenset[str]:
    """`reserved_prefixes()` without the file-like names: what documents.SITE_PATHS holds (the
    reader already skips any first segment with a dot)."""
    return frozenset(p for p in reserved_prefixes() if "." not in p)
