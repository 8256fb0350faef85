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
import os
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
# Fields as (weight, length normalisation b). A passage is scored on its own heading and text,
# plus, with ARTICLE_WEIGHT, its article's score on the title and whole text: the article
# level knows that "nakke" is what article A is about even if one section does not repeat it.
PASSAGE_FIELDS = {"heading": (3.0, 0.5), "body": (1.0, 0.75)}
ARTICLE_FIELDS = {"title": (3.0, 0.3), "text": (1.0, 0.75)}
FAQ_HEADING_WEIGHT = 3.5
ARTICLE_WEIGHT = 0.5
K1 = 1.2
COMPOUND_PART_TF = 0.5  # a compound's parts count, but less than the word itself

STOPWORD_WEIGHT = 0.25
PART_WEIGHT = 0.6
CORRECTED_WEIGHT = 0.9
SYNONYM_FACTOR = 0.5
RELATIVE_FACTOR = 0.7
RELATIVE_PREFIX = 7

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
        entry_fields = []
        surface: Counter[str] = Counter()
        for entry in self.entries:
            heading = entry.heading if entry.heading is not None else _intro_heading(entry.title)
            tokens = {"title": analysis.tokenise(entry.title), "heading": analysis.tokenise(heading),
                      "body": analysis.tokenise(entry.text)}
            entry_fields.append(tokens)
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

        passage_tfs, article_tfs = [], {}
        for entry, tokens in zip(self.entries, entry_fields):
            tfs = {name: self._field_terms(words) for name, words in tokens.items()}
            passage_tfs.append({name: tfs[name] for name in PASSAGE_FIELDS})
            article = article_tfs.setdefault(entry.source, {"title": tfs["title"], "text": Counter()})
            article["text"].update(tfs["heading"] + tfs["body"] if entry.heading is not None else tfs["body"])
        article_ids = {source: number for number, source in enumerate(article_tfs)}
        self.article_of = array("i", (article_ids[entry.source] for entry in self.entries))
        faq = [entry.kind == "faq" for entry in self.entries]
        self.postings = _bm25f_postings(passage_tfs, PASSAGE_FIELDS, faq)
        self._relatives: dict[str, tuple[str, ...]] = {}
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for term in self.postings:
            if len(term) >= RELATIVE_PREFIX:
                self._by_prefix[term[:RELATIVE_PREFIX]].append(term)
        self.article_postings = _bm25f_postings(list(article_tfs.values()), ARTICLE_FIELDS, None)

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
            # Split the lemma, so an inflection is not taken for a part ("ryggen" is not ryg + gen).
            lemma = analysis.lemmas(word)[0]
            parts = analysis.split_compound(lemma, self.is_word) if len(lemma) >= 6 else ()
            self._split_cache[word] = parts
        return parts

    def relatives(self, term: str) -> tuple[str, ...]:
        """Indexed terms of the same word family: a long shared beginning
        ("fysioterapeut" ~ "fysioterapi", "behandling" ~ "behandlingsmuligheder")."""
        if len(term) < RELATIVE_PREFIX:
            return ()
        found = self._relatives.get(term)
        if found is None:
            found = tuple(
                other for other in self._by_prefix.get(term[:RELATIVE_PREFIX], ())
                if other != term and _shared_start(term, other) >= 0.75 * min(len(term), len(other))
            )
            self._relatives[term] = found
        return found

    def knows(self, word: str) -> bool:
        """The word (or its lemma) is indexed, or is a lexicon word: never correct it."""
        return word in self.lexicon.words or any(term in self.postings for term in analysis.terms(word))

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
        sequence: list[tuple[str, int]] = []  # (primary term, its group) for synonym phrases
        corrected = False
        for word in words:
            kind, used = self._resolve(word)
            group = Group(STOPWORD_WEIGHT if word in analysis.STOPWORDS else 1.0)
            for term in analysis.terms(used):
                group.add(term, CORRECTED_WEIGHT if kind == "corrected" else 1.0)
                for relative in self.relatives(term):
                    group.add(relative, RELATIVE_FACTOR)
            corrected = corrected or kind == "corrected"
            corrected_words.append(used)
            sequence.append((analysis.primary_term(used), len(groups)))
            groups.append(group)
            for part in self.split(used):
                # An unknown compound is only its parts; a known one gains them as extra evidence.
                part_group = Group(1.0 if kind == "unknown-compound" else PART_WEIGHT)
                for term in analysis.terms(part):
                    part_group.add(term, 1.0)
                sequence.append((analysis.primary_term(part), len(groups)))
                groups.append(part_group)
        # Synonyms join the groups of the words they stand for, at a lower factor: a passage
        # using the user's own word scores higher, one using only a synonym still scores.
        terms_only = [term for term, _ in sequence]
        for start, end, expansion in self.lexicon.match(terms_only):
            for _term, group_number in sequence[start:end]:
                for term in expansion:
                    groups[group_number].add(term, SYNONYM_FACTOR)
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
        totals = _sum_groups(self.postings, query.groups)
        articles = _sum_groups(self.article_postings, query.groups)
        article_of = self.article_of
        for entry_id in totals:
            totals[entry_id] += ARTICLE_WEIGHT * articles.get(article_of[entry_id], 0.0)
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


def _sum_groups(postings: dict[str, tuple[array, array]], groups: list[Group]) -> dict[int, float]:
    """Per document: sum over groups of weight * the best alternative's score."""
    totals: dict[int, float] = defaultdict(float)
    for group in groups:
        best: dict[int, float] = {}
        for term, factor in group.alternatives.items():
            found = postings.get(term)
            if found is None:
                continue
            for doc_id, score in zip(*found):
                score *= factor
                if score > best.get(doc_id, 0.0):
                    best[doc_id] = score
        weight = group.weight
        for doc_id, score in best.items():
            totals[doc_id] += weight * score
    return totals


def _shared_start(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _intro_heading(title: str) -> str:
    # An article's introduction answers its title question ("Hvad er iskias?").
    return f"hvad er {title}"


def _bm25f_postings(docs: list[dict[str, Counter]], fields: dict[str, tuple[float, float]],
                    faq: list[bool] | None) -> dict[str, tuple[array, array]]:
    """term -> (doc ids, BM25F scores): per field weight * tf / length norm, then saturation."""
    lengths = {name: [sum(doc[name].values()) for doc in docs] for name in fields}
    averages = {name: (sum(values) / len(values) if values else 1.0) or 1.0 for name, values in lengths.items()}
    combined: dict[str, dict[int, float]] = defaultdict(dict)
    for number, doc in enumerate(docs):
        for name, (weight, b) in fields.items():
            if faq is not None and faq[number] and name == "heading":
                weight = FAQ_HEADING_WEIGHT
            norm = 1 - b + b * lengths[name][number] / averages[name]
            for term, count in doc[name].items():
                postings = combined[term]
                postings[number] = postings.get(number, 0.0) + weight * count / norm
    total, out = len(docs), {}
    for term, by_doc in combined.items():
        idf = math.log(1 + (total - len(by_doc) + 0.5) / (len(by_doc) + 0.5))
        out[term] = (array("i", by_doc.keys()), array("f", (idf * tf / (K1 + tf) for tf in by_doc.values())))
    return out


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
