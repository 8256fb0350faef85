"""A built SearchIndex on disk: written once, memory-mapped by every process (pure, no Django).

Layout of an index directory (all written by `save_index`, read by `load_index`):

- `*.npy`: the numeric arrays (postings of the three BM25F levels, per-entry article and section
  type, word document frequencies), loaded with `np.load(mmap_mode="r")`, so the pages are
  shared by every process through the operating system's page cache and only the pages a query
  touches are read;
- `strings.bin` + `string_offsets.npy`: every text of the entries (source, title, heading, kind,
  passage text, url), each distinct string once, UTF-8; `entries.npy` holds per entry the six
  string numbers. Entries are made on access (`EntryTable`), so passage texts stay on disk;
- `vocabulary.json`: the words and terms (postings' terms, surface words, the highlight map).

A loaded index answers every query exactly as the index it was saved from: the arrays are the
same numbers (float32 scores, float64 idf), and the lexicon and caches are rebuilt the same way.
The format number (`FORMAT`) is checked on load; any mismatch or missing file raises
`IndexFileError`, and the caller builds in memory instead.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

import numpy as np

from nerveguide.search import analysis
from nerveguide.search.engine import (
    RELATIVE_PREFIX,
    Entry,
    Lexicon,
    Postings,
    SearchIndex,
    load_lexicon,
)

FORMAT = 1
_FIELDS = ("source", "title", "heading", "kind", "text", "url")
_NONE = -1  # string number of a missing heading


class IndexFileError(Exception):
    """The directory holds no readable index of this format (missing, partial or other format)."""


class EntryTable(Sequence[Entry]):
    """The index's entries, read from the mapped string table when asked for (a Sequence)."""

    def __init__(self, numbers: np.ndarray, blob: np.ndarray, offsets: np.ndarray):
        self._numbers = numbers  # (entries, 6) int32: string numbers of _FIELDS
        self._blob = blob  # uint8, UTF-8 texts one after the other
        self._offsets = offsets  # int64, len(strings) + 1

    def _string(self, number: int) -> str | None:
        if number == _NONE:
            return None
        start, end = int(self._offsets[number]), int(self._offsets[number + 1])
        return self._blob[start:end].tobytes().decode("utf-8")

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, item: int) -> Entry: ...

    @overload
    def __getitem__(self, item: slice) -> Sequence[Entry]: ...

    def __getitem__(self, item: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        if not -len(self) <= item < len(self):
            raise IndexError(item)
        source, title, heading, kind, text, url = (int(n) for n in self._numbers[item])
        return Entry(
            source=self._string(source) or "",
            title=self._string(title) or "",
            heading=self._string(heading),
            kind=self._string(kind) or "",
            text=self._string(text) or "",
            url=self._string(url) or "",
        )

    def __iter__(self) -> Iterator[Entry]:
        return (self[i] for i in range(len(self)))


def save_index(index: SearchIndex, path: Path) -> None:
    """Write `index` into the directory `path` (created; must not exist yet).

    Written into a temporary sibling first and renamed into place, so a reader never sees a
    partial index. Raises FileExistsError when `path` exists (another process saved it first)
    and OSError when the disk refuses.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        _write(index, work)
        os.rename(work, path)  # atomic; fails when path exists and is not empty
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _write(index: SearchIndex, work: Path) -> None:
    strings: dict[str, int] = {}

    def number(text: str | None) -> int:
        if text is None:
            return _NONE
        found = strings.get(text)
        if found is None:
            found = strings[text] = len(strings)
        return found

    numbers = np.array(
        [[number(getattr(entry, name)) for name in _FIELDS] for entry in index.entries],
        dtype=np.int32,
    ).reshape(len(index.entries), len(_FIELDS))
    encoded = [text.encode("utf-8") for text in strings]
    offsets = np.r_[0, np.cumsum([len(b) for b in encoded], dtype=np.int64)].astype(np.int64)
    (work / "strings.bin").write_bytes(b"".join(encoded))
    arrays: dict[str, np.ndarray] = {
        "entries": numbers,
        "string_offsets": offsets,
        "article_of": index.article_of,
    }
    type_names = sorted(set(index.section_types))
    type_number = {name: n for n, name in enumerate(type_names)}
    arrays["section_types"] = np.array(
        [type_number[t] for t in index.section_types], dtype=np.int16
    )
    words = list(index.word_df)
    arrays["word_df"] = np.array([index.word_df[w] for w in words], dtype=np.int64)
    postings = {
        "passage": index.postings,
        "article": index.article_postings,
        "title": index.title_postings,
    }
    for name, found in postings.items():
        arrays[f"{name}_doc_ids"] = found.doc_ids
        arrays[f"{name}_scores"] = found.scores
        arrays[f"{name}_offsets"] = found.offsets
        arrays[f"{name}_floor"] = found.floor
        arrays[f"{name}_idf"] = np.array(found.idf, dtype=np.float64)
    for name, array in arrays.items():
        np.save(work / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
    words_of_term: dict[str, list[str]] = defaultdict(list)
    for word, pairs in index._word_cache.items():
        if word not in analysis.STOPWORDS:
            for term, _tf in pairs:
                words_of_term[term].append(word)
    vocabulary = {
        "format": FORMAT,
        "entries": len(index.entries),
        "build_seconds": index.build_seconds,
        "section_types": type_names,
        "surface_words": words,
        "term_vocab": sorted(index.term_vocab),
        "words_of_term": words_of_term,
        "postings": {
            name: {"size": found.size, "terms": found.terms} for name, found in postings.items()
        },
    }
    with open(work / "vocabulary.json", "w", encoding="utf-8") as out:
        json.dump(vocabulary, out, ensure_ascii=False, separators=(",", ":"))
        out.flush()
        os.fsync(out.fileno())


def _load_postings(folder: Path, name: str, meta: dict) -> Postings:
    found = Postings.__new__(Postings)
    found.size = int(meta["size"])
    found.terms = list(meta["terms"])
    found.index = {term: n for n, term in enumerate(found.terms)}
    found.doc_ids = _array(folder, f"{name}_doc_ids")
    found.scores = _array(folder, f"{name}_scores")
    found.offsets = _array(folder, f"{name}_offsets")
    found.floor = _array(folder, f"{name}_floor")
    found.idf = np.load(folder / f"{name}_idf.npy", allow_pickle=False).tolist()
    found._family_idf = {}
    if len(found.offsets) != len(found.terms) + 1:
        raise IndexFileError(f"{name} postings do not match their terms")
    return found


def _array(folder: Path, name: str) -> np.ndarray:
    # A plain ndarray view of the mapping: arithmetic on it gives plain arrays, not memmaps.
    return np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False))


def load_index(path: Path, lexicon: Lexicon | None = None) -> SearchIndex:
    """The index saved in the directory `path`, its arrays mapped read-only from disk.

    Raises IndexFileError when the directory is missing, incomplete or of another format.
    """
    folder = Path(path)
    try:
        with open(folder / "vocabulary.json", encoding="utf-8") as source:
            meta = json.load(source)
        if meta.get("format") != FORMAT:
            raise IndexFileError(f"index format {meta.get('format')!r}, expected {FORMAT}")
        return _load(folder, meta, lexicon)
    except IndexFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise IndexFileError(f"unreadable search index in {folder}: {error}") from error


def _load(folder: Path, meta: dict, lexicon: Lexicon | None) -> SearchIndex:
    index = SearchIndex.__new__(SearchIndex)
    numbers = _array(folder, "entries")
    offsets = _array(folder, "string_offsets")
    blob = (
        np.asarray(np.memmap(folder / "strings.bin", dtype=np.uint8, mode="r"))
        if (folder / "strings.bin").stat().st_size
        else np.zeros(0, dtype=np.uint8)  # mmap cannot map an empty file
    )
    if len(numbers) != meta["entries"] or (len(offsets) and offsets[-1] != len(blob)):
        raise IndexFileError("entries do not match the string table")
    index.entries = EntryTable(numbers, blob, offsets)  # type: ignore[assignment]
    index.lexicon = lexicon or Lexicon(load_lexicon())
    words = meta["surface_words"]
    counts = np.load(folder / "word_df.npy", allow_pickle=False).tolist()
    index.word_df = Counter(dict(zip(words, counts, strict=True)))
    index.words = set(words) | index.lexicon.words
    index.term_vocab = set(meta["term_vocab"])
    index._split_cache = {}
    index._word_cache = {}
    index._corrections = {}
    index._words_of_term = {term: set(found) for term, found in meta["words_of_term"].items()}
    index._suggestions = None
    index._suggestion_words = []
    index._buckets = defaultdict(list)
    for word in sorted(index.words):
        if len(word) >= 3 and not word.isdigit():
            index._buckets[(len(word), 0, word[0])].append(word)
            index._buckets[(len(word), 1, word[1])].append(word)
    index.article_of = _array(folder, "article_of")
    type_names = meta["section_types"]
    index.section_types = [type_names[n] for n in _array(folder, "section_types").tolist()]
    index._type_masks = {}
    index.postings = _load_postings(folder, "passage", meta["postings"]["passage"])
    index.article_postings = _load_postings(folder, "article", meta["postings"]["article"])
    index.title_postings = _load_postings(folder, "title", meta["postings"]["title"])
    index._relatives = {}
    index._by_prefix = defaultdict(list)
    for term in index.postings.terms:
        if len(term) >= RELATIVE_PREFIX:
            index._by_prefix[term[:RELATIVE_PREFIX]].append(term)
    index.build_seconds = float(meta["build_seconds"])
    return index
