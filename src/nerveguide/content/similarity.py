"""Near-duplicate articles: Jaccard similarity of word 3-gram shingles (no Django imports).

Articles made from one template differ mostly in their subject ("rodtryk i nakken" vs "rodtryk
i ryggen"), so each document's own title words are replaced by a placeholder before shingling;
what is left is the shared template. Shingles found in more than COMMON_SHINGLE_SHARE of the
documents are boilerplate and do not count as shared.

Every pair's score is exact. The shared-shingle counts of all pairs come from one sparse
matrix product (scipy): incidence matrix X (documents x shared, non-boilerplate shingles),
X @ X.T. That runs in C with a few bytes per co-occurring pair, where the former Python
counter of pairs took 44.7 s and 2.5 GB at 4,850 files (now about 8 s and 0.7 GB including
reading; see docs/benchmarks.md). MinHash LSH (datasketch) was tried first and measured: at
a Jaccard threshold as low as 0.13, bands that keep recall near 1 also make most unrelated
pairs candidates (13 s at 485 files against 1 s here), so it buys nothing at this threshold.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

WORD = re.compile(r"[^\W_]+", re.UNICODE)
SHINGLE_SIZE = 3
THRESHOLD = 0.13  # share of shingles in common (Jaccard); see docs/content.md
MIN_SUBJECT_WORD = 4  # short title words ("i", "på") are not masked
COMMON_SHINGLE_SHARE = 0.2  # shingles in more than this share of documents are boilerplate
_MASKED = np.uint64(0x9E3779B97F4A7C15)  # stands for a masked subject word


def shingles(title: str, text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """Sorted unique 64-bit ids of the word `size`-grams of `text`, title words masked.

    Word ids are CRC-32 of the word (stable across processes, unlike hash()); a shingle id
    mixes its words' ids with odd multipliers (wrapping uint64 arithmetic).
    """
    subject = {w for w in WORD.findall(title.lower()) if len(w) >= MIN_SUBJECT_WORD}
    words = WORD.findall(text.lower())
    if len(words) < size:
        return np.empty(0, dtype=np.uint64)
    ids = np.fromiter(
        (_MASKED if w in subject else zlib.crc32(w.encode()) for w in words),
        dtype=np.uint64,
        count=len(words),
    )
    mixed = np.zeros(len(words) - size + 1, dtype=np.uint64)
    for offset in range(size):
        multiplier = np.uint64(0x100000001B3 * (2 * offset + 1))
        mixed = mixed * np.uint64(31) + ids[offset : offset + len(mixed)] * multiplier
    return np.unique(mixed)


def _document_text(document: Any) -> str:
    return "\n".join(f"{p.heading or ''}\n{p.text}" for p in document.passages)


def near_duplicates(
    documents: Sequence[Any], threshold: float = THRESHOLD
) -> Iterator[tuple[Any, Any, float]]:
    """Yield (earlier document, later document, score) for pairs at or above threshold.

    `documents` need `.title` and `.passages` (each with `.heading` and `.text`). The score is
    the number of shared non-boilerplate shingles over |A| + |B| minus that number. Pairs come
    in document order.
    """
    from scipy import sparse

    sets = [shingles(d.title, _document_text(d)) for d in documents]
    if len(sets) < 2:
        return
    every = np.concatenate(sets)
    unique, counts = np.unique(every, return_counts=True)
    limit = max(5, int(COMMON_SHINGLE_SHARE * len(documents)))
    keep = (counts > 1) & (counts <= limit)  # shared, but not boilerplate
    column = np.full(len(unique), -1, dtype=np.int64)
    column[keep] = np.arange(int(keep.sum()))
    rows, cols = [], []
    for number, ids in enumerate(sets):
        where = column[np.searchsorted(unique, ids)]
        where = where[where >= 0]
        rows.append(np.full(len(where), number, dtype=np.int32))
        cols.append(where)
    incidence = sparse.csr_matrix(
        (
            np.ones(sum(len(r) for r in rows), dtype=np.int32),
            (np.concatenate(rows), np.concatenate(cols)),
        ),
        shape=(len(sets), int(keep.sum())),
    )
    shared = sparse.triu(incidence @ incidence.T, k=1).tocoo()
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    union = sizes[shared.row] + sizes[shared.col] - shared.data
    scores = np.divide(shared.data, union, out=np.zeros(len(union)), where=union > 0)
    hits = np.flatnonzero(scores >= threshold)
    for i in sorted(hits, key=lambda k: (shared.row[k], shared.col[k])):
        yield documents[int(shared.row[i])], documents[int(shared.col[i])], float(scores[i])
