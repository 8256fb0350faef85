"""In-process search index over article passages (pure module, no Django).

An `Entry` is one passage: an article's introduction, a section, or a FAQ answer. The index
scores entries with BM25F over three fields (article title, passage heading, passage text),
so a query that matches a section's heading ranks that section above a passing mention in
another section's text. FAQ questions weigh a little more than other headings: they are
written the way people ask.

Queries are analysed into *groups*, one per query word: the word's own terms plus
alternatives (æ/ø/å spellings, compound parts, typo corrections, synonyms from
lexicon.yaml). An entry's score sums, per group, the best-scoring alternative times its
weight, so a synonym adds evidence but never outweighs the word the user typed.

Postings hold precomputed per-entry scores, so answering a query is summing a few short
arrays. The index is immutable and safe to share between threads.
"""

from __future__ import annotations

import heapq
import html
import math
import time
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from nerveguide.search import analysis

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")

# Field weights and length normalisation (BM25F). Headings are short and say what the passage
# answers; the title is shared by every passage of an article and helps pick the article.
FIELD_WEIGHTS = {"title": 1.5, "heading": 3.0, "body": 1.0}
FAQ_HEADING_WEIGHT = 3.5
FIELD_B = {"title": 0.3, "heading": 0.5, "body": 0.75}
K1 = 1.2
COMPOUND_PART_TF = 0.5  # a compound's parts count, but less than the word itself

STOPWORD_WEIGHT = 0.25
FOLDED_WEIGHT = 1.0
PART_WEIGHT = 0.6
CORRECTED_WEIGHT = 0.9
SYNONYM_WEIGHT = 0.5

MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 30


@dataclass(frozen=True)
class Entry:
    """One searchable passage."""

    source: str  # file name (CLI) or article slug (web)
    title: str
    heading: str | None
    kind: str  # "intro" | "section" | "faq"
    text: str
    url: str


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    snippet: str  # HTML: escaped text with <mark> around matched words


@dataclass
class Results:
    query: str
    hits: list[Hit]
    suggestion: str | None = None  # "Mente du ...?" (corrected query), if a word was corrected
    elapsed_ms: float = 0.0


@dataclass
class Group:
    weight: float
    alternatives: dict[str, float] = field(default_factory=dict)  # term -> factor

    def add(self, term: str, factor: float) -> None:
        if factor > self.alternatives.get(term, 0.0):
            self.alternatives[term] = factor


@dataclass
class Query:
    groups: list[Group]
    corrected_words: list[str]  # the user's words with corrections applied
    corrected: bool

    def all_terms(self) -> set[str]:
        return {term for group in self.groups for term in group.alternatives}


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> tuple[tuple[str, ...], ...]:
    """Synonym groups as tuples of member phrases (lower case)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(tuple(analysis.normalise(str(term)) for term in group["terms"]) for group in data["groups"])


def _phrase_terms(phrase: str) -> tuple[str, ...]:
    return tuple(analysis.primary_term(token) for token in analysis.tokenise(phrase))


class Lexicon:
    """Synonym lookup by analysed phrase: (term, term, ...) -> the other members' terms."""

    def __init__(self, groups: tuple[tuple[str, ...], ...]):
        self.expansions: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.words: set[str] = set()
        for members in groups:
            analysed = [_phrase_terms(member) for member in members]
            for member in members:
                self.words.update(analysis.tokenise(member))
            for phrase in analysed:
                if not phrase:
                    continue
                for other in analysed:
                    if other != phrase:
                        self.expansions[phrase].update(t for t in other if t not in _STOP_TERMS)
        self.max_len = max((len(p) for p in self.expansions), default=1)

    def match(self, sequence: list[str]) -> list[tuple[int, int, set[str]]]:
        """Longest phrases first, left to right: [(start, end, expansion terms)]."""
        found, position = [], 0
        while position < len(sequence):
            for length in range(min(self.max_len, len(sequence) - position), 0, -1):
                phrase = tuple(sequence[position : position + length])
                if phrase in self.expansions:
                    found.append((position, position + length, self.expansions[phrase]))
                    position += length
                    break
            else:
                position += 1
        return found


_STOP_TERMS = frozenset(analysis.primary_term(word) for word in analysis.STOPWORDS)


class SearchIndex:
    def __init__(self, entries: list[Entry], lexicon: Lexicon | None = None):
        started = time.perf_counter()
        self.entries = entries
        self.lexicon = lexicon or Lexicon(load_lexicon())
        self._analyse_entries()
        self.build_seconds = time.perf_counter() - started

    # ----- building -------------------------------------------------------------------

    def _analyse_entries(self) -> None:
        fields_tokens = []
        surface: Counter[str] = Counter()
        for entry in self.entries:
            heading = entry.heading if entry.heading is not None else entry.title
            tokens = {
                "title": analysis.tokenise(entry.title),
                "heading": analysis.tokenise(heading),
                "body": analysis.tokenise(entry.text),
            }
            fields_tokens.append(tokens)
            for words in tokens.values():
                surface.update(set(words))
        self.word_df = surface  # surface word -> number of entries using it (for typo ranking)
        self.words = set(surface) | self.lexicon.words
        self.term_vocab = {t for word in self.words for t in analysis.terms(word)}
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(self.words):
            if len(word) >= 3 and not word.isdigit():
                self._by_length[len(word)].append(word)

        field_tfs = [{name: self._field_terms(words) for name, words in tokens.items()} for tokens in fields_tokens]
        lengths = {name: [sum(tfs[name].values()) for tfs in field_tfs] for name in FIELD_WEIGHTS}
        averages = {name: (sum(values) / len(values) if values else 1.0) or 1.0 for name, values in lengths.items()}

        combined: dict[str, dict[int, float]] = defaultdict(dict)
        for number, (entry, tfs) in enumerate(zip(self.entries, field_tfs)):
            for name, tf in tfs.items():
                weight = FAQ_HEADING_WEIGHT if (name == "heading" and entry.kind == "faq") else FIELD_WEIGHTS[name]
                b = FIELD_B[name]
                norm = 1 - b + b * lengths[name][number] / averages[name]
                for term, count in tf.items():
                    postings = combined[term]
                    postings[number] = postings.get(number, 0.0) + weight * count / norm

        total = len(self.entries)
        self.postings: dict[str, tuple[array, array]] = {}
        for term, by_entry in combined.items():
            df = len(by_entry)
            idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
            ids = array("i", by_entry.keys())
            scores = array("f", (idf * tf / (K1 + tf) for tf in by_entry.values()))
            self.postings[term] = (ids, scores)

    def _field_terms(self, words: list[str]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for word in words:
            for term in analysis.terms(word):
                counts[term] += 1
            for part in self.split(word):
                for term in analysis.terms(part):
                    counts[term] += COMPOUND_PART_TF
        return counts

    # ----- vocabulary helpers -------------------------------------------------------------

    def is_word(self, word: str) -> bool:
        """A word seen in the index or lexicon, or a base form of one ("ryg" for "ryggen")."""
        if word in self.words:
            return True
        return word in analysis.lemmas(word) and analysis.primary_term(word) in self.term_vocab

    def split(self, word: str) -> tuple[str, ...]:
        parts = self._split_cache.get(word)
        if parts is None:
            parts = analysis.split_compound(word, self.is_word) if len(word) >= 6 else ()
            self._split_cache[word] = parts
        return parts

    def knows(self, word: str) -> bool:
        return any(term in self.postings for term in analysis.terms(word))

    def correct(self, word: str) -> str | None:
        """The closest indexed word within a small edit distance, most frequent first."""
        if len(word) < 4 or word.isdigit():
            return None
        limit = 1 if len(word) <= 5 else 2
        candidates = []
        for length in range(len(word) - limit, len(word) + limit + 1):
            bucket = self._by_length.get(length)
            if bucket:
                candidates += process.extract(
                    word, bucket, scorer=Levenshtein.distance, score_cutoff=limit, limit=5
                )
        candidates = [c for c in candidates if self.knows(c[0])]
        if not candidates:
            return None
        best = min(candidates, key=lambda c: (c[1], -self.word_df.get(c[0], 0), c[0]))
        return best[0]

    # ----- querying -----------------------------------------------------------------------

    def parse(self, text: str) -> Query:
        words = analysis.tokenise(text[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]
        groups: list[Group] = []
        corrected_words: list[str] = []
        sequence: list[str] = []  # primary terms of the (corrected) words, for synonym phrases
        corrected = False
        for word in words:
            weight = STOPWORD_WEIGHT if word in analysis.STOPWORDS else 1.0
            group = Group(weight)
            resolved = self._resolve(word)
            kind, used = resolved
            factor = {"known": 1.0, "folded": FOLDED_WEIGHT, "corrected": CORRECTED_WEIGHT}.get(kind, 1.0)
            for term in analysis.terms(used):
                group.add(term, factor)
            groups.append(group)
            if kind == "corrected":
                corrected = True
            corrected_words.append(used)
            sequence.append(analysis.primary_term(used))
            for part in self.split(used):
                part_group = Group(PART_WEIGHT if kind != "unknown-compound" else 1.0)
                for term in analysis.terms(part):
                    part_group.add(term, 1.0)
                groups.append(part_group)
                sequence.append(analysis.primary_term(part))
        for _start, _end, expansion in self.lexicon.match(sequence):
            synonyms = Group(SYNONYM_WEIGHT)
            for term in expansion:
                synonyms.add(term, 1.0)
            groups.append(synonyms)
        return Query(groups, corrected_words, corrected)

    def _resolve(self, word: str) -> tuple[str, str]:
        """How to read one query word: as typed, with æ/ø/å, as a compound, or corrected."""
        if self.knows(word) or word in analysis.STOPWORDS:
            return "known", word
        for variant in analysis.fold_variants(word):
            if self.knows(variant):
                return "folded", variant
        if self.split(word):
            return "unknown-compound", word
        for variant in analysis.fold_variants(word):
            if self.split(variant):
                return "unknown-compound", variant
        for variant in [word, *analysis.fold_variants(word)]:
            correction = self.correct(variant)
            if correction:
                return "corrected", correction
        return "unknown", word

    def score(self, query: Query) -> dict[int, float]:
        totals: dict[int, float] = defaultdict(float)
        for group in query.groups:
            best: dict[int, float] = {}
            for term, factor in group.alternatives.items():
                postings = self.postings.get(term)
                if postings is None:
                    continue
                ids, scores = postings
                for entry_id, score in zip(ids, scores):
                    score *= factor
                    if score > best.get(entry_id, 0.0):
                        best[entry_id] = score
            weight = group.weight
            for entry_id, score in best.items():
                totals[entry_id] += weight * score
        return totals

    def _best_sections(self, totals: dict[int, float], limit: int) -> list[tuple[int, float]]:
        """Top entries, one per section: the paragraphs of a plain-text file share a heading."""
        wanted = limit * 3 + 10
        while True:
            ranked = heapq.nsmallest(wanted, totals.items(), key=lambda item: (-item[1], item[0]))
            seen, out = set(), []
            for entry_id, score in ranked:
                entry = self.entries[entry_id]
                key = (entry.source, entry.heading, entry.url)
                if key not in seen:
                    seen.add(key)
                    out.append((entry_id, score))
            if len(out) >= limit or len(ranked) == len(totals):
                return out[:limit]
            wanted *= 4

    def search(self, text: str, limit: int = 10) -> Results:
        started = time.perf_counter()
        query = self.parse(text)
        totals = self.score(query)
        ranked = self._best_sections(totals, max(0, limit))
        terms = query.all_terms()
        hits = [Hit(self.entries[i], round(score, 4), snippet(self.entries[i].text, terms)) for i, score in ranked]
        suggestion = " ".join(query.corrected_words) if query.corrected else None
        return Results(text, hits, suggestion, (time.perf_counter() - started) * 1000)


# ----- snippets ---------------------------------------------------------------------------

SNIPPET_WORDS = 32


def snippet(text: str, query_terms: set[str], width: int = SNIPPET_WORDS) -> str:
    """A window of the original text around the densest run of matched words, HTML-escaped,
    matched words wrapped in <mark>."""
    spans = list(analysis.token_spans(text))
    if not spans:
        return html.escape(text[:200])
    matched = [
        token not in analysis.STOPWORDS and any(t in query_terms for t in analysis.terms(token))
        for _start, _end, token in spans
    ]
    best_start, best_count = 0, -1
    window_count = sum(matched[:width])
    for start in range(0, max(1, len(spans) - width + 1)):
        if start:
            window_count += matched[start + width - 1] if start + width - 1 < len(spans) else 0
            window_count -= matched[start - 1]
        if window_count > best_count:
            best_start, best_count = start, window_count
    # Begin at the first match in the window, a few words early, so the snippet reads naturally.
    window = range(best_start, min(len(spans), best_start + width))
    first = next((i for i in window if matched[i]), best_start)
    begin = max(0, first - 6)
    end = min(len(spans), begin + width)
    out = ["… " if begin > 0 else ""]
    cursor = spans[begin][0]
    for i in range(begin, end):
        start, stop, _token = spans[i]
        out.append(html.escape(text[cursor:start]))
        word = html.escape(text[start:stop])
        out.append(f"<mark>{word}</mark>" if matched[i] else word)
        cursor = stop
    if end < len(spans):
        out.append(" …")
    else:
        out.append(html.escape(text[cursor:]))
    return " ".join("".join(out).split())
