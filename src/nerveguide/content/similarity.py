"""Near-duplicate articles: Jaccard similarity of word 3-gram shingles (no Django imports).

Articles made from one template differ mostly in their subject ("rodtryk i nakken" vs "rodtryk
i ryggen"), so each document's own title words are replaced by a placeholder before shingling;
what is left is the shared template. An inverted index over the shingles means only pairs that
share something are compared, so 500 articles take well under a second.
"""

import re
from collections import Counter
from itertools import combinations

WORD = re.compile(r"[^\W_]+", re.UNICODE)
SHINGLE_SIZE = 3
THRESHOLD = 0.13  # share of shingles in common (Jaccard); see docs/content.md
MIN_SUBJECT_WORD = 4  # short title words ("i", "på") are not masked
COMMON_SHINGLE_SHARE = 0.2  # shingles in more than this share of documents are boilerplate


def shingles(title: str, text: str, size: int = SHINGLE_SIZE) -> set[int]:
    subject = {w for w in WORD.findall(title.lower()) if len(w) >= MIN_SUBJECT_WORD}
    words = ["\x00" if w in subject else w for w in WORD.findall(text.lower())]
    return {hash(tuple(words[i:i + size])) for i in range(max(len(words) - size + 1, 0))}


def _document_text(document) -> str:
    return "\n".join(f"{p.heading or ''}\n{p.text}" for p in document.passages)


def near_duplicates(documents, threshold: float = THRESHOLD):
    """Yield (earlier document, later document, Jaccard score) for pairs at or above threshold."""
    sets = [shingles(d.title, _document_text(d)) for d in documents]
    index: dict[int, list[int]] = {}
    for number, shingle_set in enumerate(sets):
        for shingle in shingle_set:
            index.setdefault(shingle, []).append(number)
    limit = max(5, int(COMMON_SHINGLE_SHARE * len(documents)))
    shared: Counter = Counter()
    for postings in index.values():
        if 1 < len(postings) <= limit:
            shared.update(combinations(postings, 2))
    for (a, b), common in sorted(shared.items()):
        union = len(sets[a]) + len(sets[b]) - common
        score = common / union if union else 0.0
        if score >= threshold:
            yield documents[a], documents[b], score
