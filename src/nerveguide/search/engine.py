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

Postings hold precomputed per-entry scores in numpy arrays, so answering a query is a few
vectorised maxima and sums. The index is not changed by queries (only memo caches grow) and
is safe to share between threads.
"""

from __future__ import annotations

import html
import itertools
import operator
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from nerveguide.datafiles import load_yaml
from nerveguide.search import analysis, redflags, sections

LEXICON_PATH = analysis.LEXICON_PATH

# BM25F fields as (weight, length normalisation b). A passage is scored on its own heading
# (short, and it says what the passage answers) and text, plus, with ARTICLE_WEIGHT, its
# article's score on the title and whole text: the article level knows that "nakke" is what an
# article is about even where one section does not repeat it. See docs/search.md.
#
# A passage also carries its article's title as a third field (no length normalisation): a
# section heading is short for "<heading> about <title>" ("Hvor længe varer det?" in "Rodtryk i
# lænden"), so "hvor længe varer rodtryk i lænden" finds it without the heading naming the topic.
PASSAGE_FIELDS = {"heading": (3.0, 0.5), "body": (1.0, 0.75), "title": (1.0, 0.0)}
ARTICLE_FIELDS = {"title": (3.0, 0.3), "text": (1.0, 0.75)}
FAQ_HEADING_WEIGHT = 3.5
ARTICLE_WEIGHT = 0.3
COVERAGE_POWER = 1.0
K1 = 1.2
COMPOUND_PART_TF = 0.5
# Length normalisation of a "when to seek help" section's text. These sections are checklists of
# signs (akut, lægen i dag, lægen, fysioterapeut) and are long because they are complete, not
# because they are off the subject: a sign listed among fifteen counts nearly as much as in a
# short passage. (With the default 0.75 the long checklists of the condition articles lost to a
# shorter list in the article about choosing a physiotherapist.)
CHECKLIST_B = 0.4  # a compound's parts count, but less than the word itself

# Query side: group weights and the factors of alternatives (the user's own word is 1.0).
STOPWORD_WEIGHT = 0.25
PART_WEIGHT = 0.6  # parts of a known compound, beside the whole word
CORRECTED_WEIGHT = 0.9
SYNONYM_FACTOR = 0.5
RELATIVE_FACTOR = 0.9  # word family: "fysioterapeut" ~ "fysioterapi" (capped, see Group)
RELATIVE_PREFIX = 7

# Question intent (sections.yaml): a section of the type the question asks for scores this much
# more; with a warning sign, "seek_help" sections are put first.
INTENT_BOOST = 0.35
# A bare topic ("spinalstenose", "ydernummer") asks what it is: introductions and "what" sections
# gain a little.
TOPIC_BOOST = 0.1
SEEK_HELP = "seek_help"
SEEK_HELP_ARTICLE = 1.0  # weight of the article's relevance among seek-help sections
# ... and of its article's title match (the article is about the described body part/condition:
# "whiplash ... nakke" -> the seek-help section of "Rodtryk i nakken").
SEEK_HELP_TOPIC = 1.0
WARNING_WEIGHT = 0.5  # weight of WARNING_WORDS beside the query's own words
# What a section about urgent help says (the self-check's akut advice: call 112 or the lægevagt).
WARNING_WORDS = ("akut", "112", "lægevagten", "straks")

MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 30
MAX_WORD_CHARS = 40  # longer "words" are not split or corrected (nobody types them)


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
class SearchHit:
    """One search result: the one shape web, API and CLI translate from (`as_dict`)."""

    entry: Entry
    score: float
    snippet: str  # HTML: escaped text with <mark> around the words the user typed (and their forms)
    section_type: str = sections.OTHER  # what the section answers (sections.yaml)

    @property
    def article_url(self) -> str:
        """The hit's URL without its #fragment: the article's page."""
        return self.entry.url.split("#", 1)[0]

    @property
    def snippet_text(self) -> str:
        """The snippet as plain text: <mark> tags removed, HTML entities unescaped."""
        return html.unescape(self.snippet.replace("<mark>", "").replace("</mark>", ""))

    def as_dict(self) -> dict:
        """{source, title, heading, url, section_type, snippet (plain text), snippet_html, score}."""
        entry = self.entry
        return {
            "source": entry.source,
            "title": entry.title,
            "heading": entry.heading,
            "url": entry.url,
            "section_type": self.section_type,
            "snippet": self.snippet_text,
            "snippet_html": self.snippet,
            "score": self.score,
        }

    def as_json(self) -> dict:
        """The result object of the CLI contract (../shared/specs/cli-contract.md): exactly
        source, heading, title, url, snippet (plain text) and score, taken from `as_dict`."""
        found = self.as_dict()
        return {key: found[key] for key in CLI_FIELDS}


CLI_FIELDS = ("source", "heading", "title", "url", "snippet", "score")


Hit = SearchHit  # the earlier name


@dataclass
class Results:
    """What a search returns. `warning` is "akut" when the query describes a warning sign
    (redflags.py): show the akut care card first."""

    query: str
    hits: list[SearchHit]
    suggestion: str | None = None  # "Mente du ...?" (corrected query), if a word was corrected
    elapsed_ms: float = 0.0
    warning: str | None = None
    intents: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """{query, did_you_mean, warning, intents, results: [SearchHit.as_dict()]}."""
        return {
            "query": self.query,
            "did_you_mean": self.suggestion,
            "warning": self.warning,
            "intents": list(self.intents),
            "results": [hit.as_dict() for hit in self.hits],
        }


@dataclass
class Group:
    """One query word: its terms and alternatives, term -> factor (the word's own terms 1.0).

    `reference` is the word's own term. A word-family relative never scores more than the word
    itself would: its factor is also scaled by idf(reference) / idf(relative) when that is
    below 1, so a rare relative ("fysioterapeutisk") does not outrank the common word typed.
    """

    weight: float
    reference: str | None = None
    alternatives: dict[str, float] = field(default_factory=dict)
    relatives: set[str] = field(default_factory=set)
    synonyms: set[str] = field(default_factory=set)  # expansions: never above the word's own score
    own: set[str] = field(default_factory=set)  # the typed word's own terms (highlighted)

    def add(self, term: str, factor: float) -> None:
        """Add `term` as an alternative with `factor` (0..1), keeping the higher factor when
        the term is already there."""
        if factor > self.alternatives.get(term, 0.0):
            self.alternatives[term] = factor


@dataclass
class Query:
    """A parsed query (SearchIndex.parse): one Group per query word in order (none for a
    query of only function words), the words with typo corrections applied, whether any was
    corrected, and the section types the wording asks for (sections.yaml)."""

    groups: list[Group]
    corrected_words: list[str]  # the user's words with corrections applied
    corrected: bool
    intents: frozenset[str] = frozenset()

    def all_terms(self) -> set[str]:
        """Every term of every group, alternatives included."""
        return {term for group in self.groups for term in group.alternatives}


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> tuple[tuple[str, ...], ...]:
    """Synonym groups as tuples of member phrases (lower case)."""
    data = analysis.lexicon_data() if path == LEXICON_PATH else load_yaml(path)
    return tuple(
        tuple(analysis.normalise(str(term)) for term in group["terms"]) for group in data["groups"]
    )


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
        self.terms = {term for phrase in self.expansions for term in phrase}

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
    """The BM25F index over a list of entries (see the module docstring); build it once and
    call `search(text, limit)` from any thread.

    `lexicon` defaults to the synonyms of lexicon.yaml (OSError or yaml.YAMLError when that
    file cannot be read). `build_seconds` is the build time in seconds.
    """

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
            tokens = {
                "title": analysis.tokenise(entry.title),
                "heading": analysis.tokenise(heading),
                "body": analysis.tokenise(entry.text),
            }
            entry_fields.append(tokens)
            for words in tokens.values():
                surface.update(set(words))
        self.word_df = surface  # surface word -> number of entries using it (for typo ranking)
        self.words = set(surface) | self.lexicon.words
        self.term_vocab = {t for word in self.words for t in analysis.terms(word)}
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._word_cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._corrections: dict[str, str | None] = {}
        self._words_of_term: dict[str, set[str]] | None = None  # built on first search
        self._suggestions: list[tuple[str, dict[str, str]]] | None = None  # built on first use
        self._suggestion_words: list[str] = []
        self._buckets: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for word in sorted(self.words):
            if len(word) >= 3 and not word.isdigit():
                self._buckets[(len(word), 0, word[0])].append(word)
                self._buckets[(len(word), 1, word[1])].append(word)

        passage_tfs: list[dict[str, Counter[str]]] = []
        article_tfs: dict[str, dict[str, Counter[str]]] = {}
        for entry, tokens in zip(self.entries, entry_fields):
            tfs = {name: self._field_terms(words) for name, words in tokens.items()}
            passage_tfs.append({name: tfs[name] for name in PASSAGE_FIELDS})
            article = article_tfs.setdefault(
                entry.source, {"title": tfs["title"], "text": Counter()}
            )
            article["text"].update(
                tfs["heading"] + tfs["body"] if entry.heading is not None else tfs["body"]
            )
        article_ids = {source: number for number, source in enumerate(article_tfs)}
        self.article_of = np.array(
            [article_ids[entry.source] for entry in self.entries], dtype=np.int32
        )
        faq = [entry.kind == "faq" for entry in self.entries]
        self.section_types = [sections.section_type(entry.heading) for entry in self.entries]
        self._type_masks: dict[str, np.ndarray] = {}
        checklists = [t == SEEK_HELP for t in self.section_types]
        self.postings = Postings(passage_tfs, PASSAGE_FIELDS, faq, checklists)
        self.article_postings = Postings(list(article_tfs.values()), ARTICLE_FIELDS, None)
        # The articles' titles alone: what each article is about (the seek-help order on a warning).
        self.title_postings = Postings(
            [{"title": tfs["title"]} for tfs in article_tfs.values()], {"title": (1.0, 0.0)}, None
        )
        self._relatives: dict[str, tuple[str, ...]] = {}
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for term in self.postings.terms:
            if len(term) >= RELATIVE_PREFIX:
                self._by_prefix[term[:RELATIVE_PREFIX]].append(term)

    def _field_terms(self, words: list[str]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for word, times in Counter(words).items():
            for term, tf in self._word_terms(word):
                # Term frequencies are floats (a compound part counts COMPOUND_PART_TF); Counter
                # adds them fine at runtime, but typeshed types Counter values as int.
                counts[term] += tf * times  # type: ignore[assignment]
        return counts

    def _word_terms(self, word: str) -> tuple[tuple[str, float], ...]:
        found = self._word_cache.get(word)
        if found is None:
            found = tuple((term, 1.0) for term in analysis.terms(word)) + tuple(
                (term, COMPOUND_PART_TF)
                for part in self.split(word)
                for term in analysis.terms(part)
            )
            self._word_cache[word] = found
        return found

    # ----- vocabulary helpers -------------------------------------------------------------

    def is_word(self, word: str) -> bool:
        """A word seen in the index or lexicon, or a base form of one ("ryg" for "ryggen")."""
        if word in self.words:
            return True
        return word in analysis.lemmas(word) and analysis.primary_term(word) in self.term_vocab

    def split(self, word: str) -> tuple[str, ...]:
        """The compound parts of the word's lemma ("rygsmerter" -> ("ryg", "smerter")) by
        analysis.split_compound, each part a word of this index (is_word); () when it is no
        compound or its lemma is under 6 or over MAX_WORD_CHARS letters. Cached per word."""
        parts = self._split_cache.get(word)
        if parts is None:
            # Split the lemma, so an inflection is not taken for a part ("ryggen" is not ryg + gen).
            lemma = analysis.lemmas(word)[0]
            parts = (
                analysis.split_compound(lemma, self.is_word)
                if 6 <= len(lemma) <= MAX_WORD_CHARS
                else ()
            )
            self._split_cache[word] = parts
        return parts

    def highlight_words(self, query: Query) -> set[str]:
        """Indexed words (lower case) that carry one of the query's terms, stopwords excepted."""
        if self._words_of_term is None:
            words_of_term = defaultdict(set)
            for word, pairs in self._word_cache.items():
                if word not in analysis.STOPWORDS:
                    for term, _tf in pairs:
                        words_of_term[term].add(word)
            self._words_of_term = words_of_term
        found: set[str] = set()
        for group in query.groups:
            if group.weight == STOPWORD_WEIGHT:
                continue
            for term in group.own:  # the typed words and their forms, not synonyms or relatives
                found.update(self._words_of_term.get(term, ()))
        return found

    def relatives(self, term: str) -> tuple[str, ...]:
        """Indexed terms of the same word family: a long shared beginning
        ("fysioterapeut" ~ "fysioterapi", "behandling" ~ "behandlingsmuligheder")."""
        if len(term) < RELATIVE_PREFIX:
            return ()
        found = self._relatives.get(term)
        if found is None:
            found = tuple(
                other
                for other in self._by_prefix.get(term[:RELATIVE_PREFIX], ())
                if other != term and _shared_start(term, other) >= 0.75 * min(len(term), len(other))
            )
            self._relatives[term] = found
        return found

    def knows(self, word: str) -> bool:
        """The word (or its lemma) is indexed, or is a lexicon word: never correct it."""
        return word in self.lexicon.words or any(
            term in self.postings.index or term in self.lexicon.terms
            for term in analysis.terms(word)
        )

    def correct(self, word: str) -> str | None:
        """The closest indexed word within a small edit distance, most frequent first.

        Compares only words of about the same length that share the first or the second
        letter: typos rarely hit both, and it keeps a lookup to a few thousand comparisons.
        """
        if word in self._corrections:
            return self._corrections[word]
        correction = None
        # A real Danish word is never rewritten into another ("kræft" is not "kraft"), even when
        # no article uses it.
        if 5 <= len(word) <= MAX_WORD_CHARS and not word.isdigit() and not analysis.is_word(word):
            limit = 1 if len(word) < 8 else 2
            candidates = []
            for length in range(len(word) - limit, len(word) + limit + 1):
                for bucket in (
                    self._buckets.get((length, 0, word[0])),
                    self._buckets.get((length, 1, word[1])),
                ):
                    if bucket:
                        candidates += process.extract(
                            word,
                            bucket,
                            scorer=DamerauLevenshtein.distance,
                            score_cutoff=limit,
                            limit=5,
                        )
            candidates = [c for c in candidates if self.knows(c[0])]
            if candidates:
                correction = min(
                    candidates, key=lambda c: (c[1], -self.word_df.get(c[0], 0), c[0])
                )[0]
        if len(self._corrections) < 50_000:
            self._corrections[word] = correction
        return correction

    # ----- querying -----------------------------------------------------------------------

    def parse(self, text: str) -> Query:
        """Groups of the query's words (each word once, in order); no groups when the query has
        only function words. Intents are read from the whole wording (sections.yaml)."""
        words = list(dict.fromkeys(analysis.tokenise(text[:MAX_QUERY_CHARS])))[:MAX_QUERY_WORDS]
        intents = sections.intents(" ".join(words)) if words else frozenset()
        if all(
            word in analysis.STOPWORDS or analysis.fold(word) in analysis.STOPWORDS_FOLDED
            for word in words
        ):
            return Query([], words, False, intents)
        groups: list[Group] = []
        corrected_words: list[str] = []
        sequence: list[tuple[str, int]] = []  # (primary term, its group) for synonym phrases
        corrected = False
        standard, inside = _standard_forms(words)
        for position, word in enumerate(words):
            if position in inside:
                continue  # a later word of a phrase read as its standard form
            if position in standard and (position + 1 in inside or not self.knows(word)):
                group = self._standard_group(standard[position])
                corrected_words.append(word)
                if group.reference is not None:  # always set by _standard_group
                    sequence.append((group.reference, len(groups)))
                groups.append(group)
                continue
            kind, used = self._resolve(word)
            # Function words weigh little, also when typed without æ/ø/å ("foer" is "før").
            weak = used in analysis.STOPWORDS or word in analysis.STOPWORDS_FOLDED
            group = Group(STOPWORD_WEIGHT if weak else 1.0, analysis.primary_term(used))
            for term in analysis.terms(used):
                group.add(term, CORRECTED_WEIGHT if kind == "corrected" else 1.0)
                group.own.add(term)
                for relative in self.relatives(term):
                    group.add(relative, RELATIVE_FACTOR)
                    group.relatives.add(relative)
            corrected = corrected or kind == "corrected"
            corrected_words.append(used)
            sequence.append((analysis.primary_term(used), len(groups)))
            groups.append(group)
            for part in self.split(used):
                # An unknown compound is only its parts; a known one gains them as extra evidence.
                part_group = Group(
                    1.0 if kind == "unknown-compound" else PART_WEIGHT, analysis.primary_term(part)
                )
                for term in analysis.terms(part):
                    part_group.add(term, 1.0)
                    part_group.own.add(term)
                sequence.append((analysis.primary_term(part), len(groups)))
                groups.append(part_group)
        # Synonyms join the groups of the words they stand for, at a lower factor and capped below
        # the word's own score (Postings.best_of): a passage using the user's own word scores
        # higher, one using only a synonym still scores.
        terms_only = [term for term, _ in sequence]
        for start, end, expansion in self.lexicon.match(terms_only):
            for _term, group_number in sequence[start:end]:
                group = groups[group_number]
                for term in expansion:
                    if term not in group.own:
                        group.add(term, SYNONYM_FACTOR)
                        group.synonyms.add(term)
        return Query(groups, corrected_words, corrected, intents)

    def _standard_group(self, words: tuple[str, ...]) -> Group:
        """The group of a word or phrase written in another form (English, Jutlandic, SMS),
        read as its standard Danish words ("numbness" -> "følelsesløshed"): the user's own word."""
        meaningful = [w for w in words if w not in analysis.STOPWORDS] or list(words)
        weight = 1.0 if any(w not in analysis.STOPWORDS for w in words) else STOPWORD_WEIGHT
        group = Group(weight, analysis.primary_term(meaningful[-1]))
        for word in meaningful:
            for term in analysis.terms(word):
                group.add(term, 1.0)
                group.own.add(term)
        return group

    def _resolve(self, word: str) -> tuple[str, str]:
        """How to read one query word: as typed, with æ/ø/å, as a compound, or corrected.

        Only a non-word is corrected: a real Danish word the index lacks stays as typed.
        """
        if word in analysis.STOPWORDS:
            return "known", word
        real = analysis.is_word(word)
        if not real:  # "laenden" is written for "lænden": show and search it so
            written = next((w for w in analysis.spellings(word) if self.knows(w)), None)
            if written:
                return "folded", written
        if self.knows(word):
            return "known", word
        variants = [] if real else analysis.fold_variants(word)
        for variant in variants:
            if self.knows(variant):
                return "folded", variant
        if self.split(word):
            return "unknown-compound", word
        for variant in variants:
            if self.split(variant):
                return "unknown-compound", variant
        if not real:
            for variant in [word, *variants]:
                correction = self.correct(variant)
                if correction:
                    return "corrected", correction
        return "unknown", word

    def score(self, query: Query) -> np.ndarray:
        """Score of every entry (0 for entries matching nothing).

        (passage score + ARTICLE_WEIGHT * article score) times the share of the query (by group
        weight) that the article matches (a passage's words are its article's words, so this is
        "the passage or its article"): a passage in an article about every part of the question
        beats one that matches a single rare word very well.
        """
        passage = np.zeros(len(self.entries), dtype=np.float32)
        content = np.zeros(len(self.entries), dtype=np.float32)
        content_article = np.zeros(self.article_postings.size, dtype=np.float32)
        article = np.zeros(self.article_postings.size, dtype=np.float32)
        covered = np.zeros(self.article_postings.size, dtype=np.float32)
        total_weight = 0.0
        for group in query.groups:
            total_weight += group.weight
            in_passage = self.postings.best_of(group)
            if in_passage is None:
                continue  # in no passage (titles are in the intros' headings): in no article
            in_passage *= group.weight
            passage += in_passage
            if group.weight > STOPWORD_WEIGHT:
                content += in_passage
            in_article = self.article_postings.best_of(group)
            if in_article is not None:
                in_article *= group.weight
                article += in_article
                covered += np.where(in_article > 0, np.float32(group.weight), np.float32(0))
                if group.weight > STOPWORD_WEIGHT:
                    content_article += in_article
        if not total_weight:
            return content
        factor = (article * ARTICLE_WEIGHT)[self.article_of]
        coverage = (covered / np.float32(total_weight)) ** COVERAGE_POWER
        # A passage (or its article) must match a word that carries meaning, not only "i" and "og".
        meaningful = (content > 0) | (content_article > 0)[self.article_of]
        totals = np.where(
            meaningful & (passage > 0),
            (passage + factor) * coverage[self.article_of],
            np.float32(0),
        )
        boost = np.ones(len(self.entries), dtype=np.float32)
        for intent in query.intents:
            boost += self.type_mask(intent) * np.float32(INTENT_BOOST)
        if not query.intents and sum(1 for g in query.groups if g.weight == 1.0) <= 2:
            boost += self.type_mask(sections.INTRO) * np.float32(TOPIC_BOOST)
        return totals * boost

    def topic_scores(self, query: Query) -> np.ndarray:
        """Per article, how well its title matches the query's meaningful words (BM25 over the
        titles alone): what the article is about."""
        found = np.zeros(self.title_postings.size, dtype=np.float32)
        for group in query.groups:
            if group.weight > STOPWORD_WEIGHT:
                scores = self.title_postings.best_of(group)
                if scores is not None:
                    found += scores * np.float32(group.weight)
        return found

    def _warning_group(self) -> Group:
        group = Group(WARNING_WEIGHT)
        for word in WARNING_WORDS:
            for term in analysis.terms(word):
                group.add(term, 1.0)
        return group

    def type_mask(self, section_type: str) -> np.ndarray:
        """1.0 for the entries of a section type, else 0.0."""
        mask = self._type_masks.get(section_type)
        if mask is None:
            mask = np.array([t == section_type for t in self.section_types], dtype=np.float32)
            self._type_masks[section_type] = mask
        return mask

    def seek_help_first(
        self,
        totals: np.ndarray,
        relevance: np.ndarray | None = None,
        topic: np.ndarray | None = None,
    ) -> np.ndarray:
        """Scores with the "when to seek help" sections above all others, or, when none matched,
        the one of the best-matching article (else the first).

        Among the seek-help sections, each gains its article's best score in `relevance` (the
        query without the warning words): the seek-help section of the article about what the
        person describes ("ondt i lænden") comes first; `topic` (per article, its title's match,
        `topic_scores`) adds SEEK_HELP_TOPIC times the article's title match.
        """
        mask = self.type_mask(SEEK_HELP) > 0
        if not mask.any():
            return totals
        top = float(totals.max()) if len(totals) else 0.0
        matched = mask & (totals > 0)
        if matched.any():
            article_best = np.zeros(self.article_postings.size, dtype=np.float32)
            if relevance is not None:  # the article's best section other than seek-help ones
                np.maximum.at(
                    article_best, self.article_of, np.where(mask, np.float32(0), relevance)
                )
            article_best *= np.float32(SEEK_HELP_ARTICLE)
            if topic is not None:
                article_best += topic * np.float32(SEEK_HELP_TOPIC)
            return np.where(
                matched, totals + article_best[self.article_of] + np.float32(top + 1), totals
            )
        totals = totals.copy()
        best_article = self.article_of[int(np.argmax(totals))] if top > 0 else None
        candidates: np.ndarray | list[int] = (
            np.flatnonzero(mask & (self.article_of == best_article))
            if best_article is not None
            else []
        )
        chosen = int(candidates[0]) if len(candidates) else int(np.flatnonzero(mask)[0])
        totals[chosen] = np.float32(top + 1)
        return totals

    def suggest(self, text: str, limit: int = 8) -> list[dict[str, str]]:
        """Autocomplete: article titles, then FAQ questions, then headings, whose words start
        with the typed words ("klemt ner" -> "... en klemt nerve ..."). æ/ø/å and ae/oe/aa match.

        Tolerates a typo: a typed word (3 letters or more) with no exact match also matches words
        whose beginning is one edit away ("iskj" -> "iskias"). Function words are not required
        ("prikken i foden" needs "prikken" and "foden"), and when no suggestion has every word,
        those with the most of them come first.
        """
        words = list(dict.fromkeys(analysis.tokenise(text[:MAX_QUERY_CHARS])))[:MAX_QUERY_WORDS]
        if not words or limit <= 0:
            return []
        if self._suggestions is None:
            self._suggestions = _suggestion_candidates(self.entries)
            self._suggestion_words = sorted(
                {w for key, _ in self._suggestions for w in key.split()}
            )
        content = [w for w in words if w not in analysis.STOPWORDS] or words
        last = words[-1]  # the word being typed may be a function word's beginning: keep it
        if last not in content:
            content.append(last)
        alternatives = [self._prefix_alternatives(analysis.fold(word)) for word in content]
        found = []
        for rank, (key, suggestion) in enumerate(self._suggestions):
            hits = sum(1 for needles in alternatives if any(needle in key for needle in needles))
            if hits:
                starts = any(key.startswith(needle) for needle in alternatives[0])
                found.append((-hits, not starts, rank, suggestion))
        found.sort(key=lambda item: item[:3])
        best = found[0][0] if found else 0
        if found and not (len(content) > 1 and best > -2):  # one word of several is no match
            return [item[3] for item in found if item[0] == best][:limit]
        return self._answer_suggestions(text, limit)

    def _answer_suggestions(self, text: str, limit: int) -> list[dict[str, str]]:
        """When no heading has the typed words ("prikken i foden"): the best answers' headings."""
        query = self.parse(text)
        if not query.groups or not len(self.entries):
            return []
        out = []
        for entry_id, _score in self._best_sections(self.score(query), min(limit, 5)):
            entry = self.entries[entry_id]
            out.append({"text": entry.heading or entry.title, "url": entry.url})
        return out

    def _prefix_alternatives(self, word: str) -> list[str]:
        """ " word" and, when no indexed word starts so, the beginnings one typo away."""
        needle = " " + word
        if len(word) < 3 or any(w.startswith(word) for w in self._suggestion_words):
            return [needle]
        near = {w[: len(word)] for w in self._suggestion_words if len(w) >= len(word)}
        close = [" " + p for p in near if DamerauLevenshtein.distance(p, word, score_cutoff=1) <= 1]
        return close or [needle]

    def _best_sections(self, totals: np.ndarray, limit: int) -> list[tuple[int, float]]:
        """Top entries, one per section: the paragraphs of a plain-text file share a heading."""
        matched = int(np.count_nonzero(totals))
        wanted = min(matched, limit * 3 + 10)
        while True:
            top = (
                np.argpartition(-totals, wanted - 1)[:wanted]
                if 0 < wanted < len(totals)
                else np.arange(len(totals))
            )
            ranked = sorted((int(i) for i in top if totals[i] > 0), key=lambda i: (-totals[i], i))
            seen: set[tuple[str, str | None, str]] = set()
            out: list[tuple[int, float]] = []
            for entry_id in ranked:
                entry = self.entries[entry_id]
                key = (entry.source, entry.heading, entry.url)
                if key not in seen:
                    seen.add(key)
                    out.append((entry_id, float(totals[entry_id])))
            if len(out) >= limit or wanted >= matched:
                return out[:limit]
            wanted = min(matched, wanted * 4)

    def search(self, text: str, limit: int = 10) -> Results:
        """The best sections for a query (one entry per section), with the query's warning.

        `warning` is "akut" when the query describes a warning sign (redflags.py); then the
        "when to seek help" sections come first. Never raises for any text.
        """
        started = time.perf_counter()
        query = self.parse(text)
        totals = self.score(query)
        level = redflags.level(text[:MAX_QUERY_CHARS]) if query.groups else None
        warning = redflags.AKUT if level == redflags.AKUT else None
        if level in redflags.DOCTOR_LEVELS and SEEK_HELP not in query.intents:
            query.intents = query.intents | {SEEK_HELP}  # a sign for a doctor: when to go
            totals = self.score(query)
        if warning and len(self.entries):
            # Among the "when to seek help" sections, those about urgent help fit a warning sign
            # best: the query is read as also asking for WARNING_WORDS.
            topic = self.topic_scores(query)
            query.groups.append(self._warning_group())
            totals = self.seek_help_first(self.score(query), relevance=totals, topic=topic)
        ranked = (
            self._best_sections(totals, max(0, limit)) if limit > 0 and len(self.entries) else []
        )
        highlight = self.highlight_words(query)
        hits = [
            SearchHit(
                self.entries[i],
                round(score, 4),
                snippet(self.entries[i].text, highlight),
                self.section_types[i],
            )
            for i, score in ranked
        ]
        suggestion = " ".join(query.corrected_words) if query.corrected else None
        return Results(
            text,
            hits,
            suggestion,
            (time.perf_counter() - started) * 1000,
            warning,
            tuple(sorted(query.intents)),
        )


def _standard_forms(words: list[str]) -> tuple[dict[int, tuple[str, ...]], set[int]]:
    """Words written in another form (nerveguide.danish.concepts: English, Jutlandic, SMS):
    first position -> standard Danish words, and the other positions of each phrase."""
    try:
        from nerveguide.danish.concepts import standard_forms
    except ImportError:  # the shared layer is not installed
        return {}, set()
    first: dict[int, tuple[str, ...]] = {}
    inside: set[int] = set()
    for start, last, standard in standard_forms(words):
        first[start] = tuple(analysis.normalise(w) for w in standard)
        inside.update(range(start + 1, last + 1))
    return first, inside


def _suggestion_candidates(entries: list[Entry]) -> list[tuple[str, dict[str, str]]]:
    """(" word word ...", {"text", "url"}) in display order: titles, FAQ questions, headings."""
    titles: list[tuple[str, dict[str, str]]] = []
    questions: list[tuple[str, dict[str, str]]] = []
    headings: list[tuple[str, dict[str, str]]] = []
    seen: set[str] = set()
    for entry in entries:
        article_url = entry.url.split("#", 1)[0]
        candidates = [(titles, entry.title, article_url)]
        if entry.heading:
            candidates.append(
                (questions if entry.kind == "faq" else headings, entry.heading, entry.url)
            )
        for bucket, text, url in candidates:
            if text.lower() not in seen:
                seen.add(text.lower())
                key = " " + " ".join(analysis.fold(word) for word in analysis.tokenise(text))
                bucket.append((key, {"text": text, "url": url}))
    return (
        titles
        + sorted(questions, key=lambda c: len(c[0]))
        + sorted(headings, key=lambda c: len(c[0]))
    )


def _shared_start(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _intro_heading(title: str) -> str:
    # An article's introduction answers its title question ("Hvad er iskias?").
    return f"hvad er {title}"


class Postings:
    """term -> (document ids, BM25F scores), stored as slices of two flat numpy arrays.

    A term's score in a document: idf * tf~ / (K1 + tf~), with tf~ the sum over fields of
    weight * tf / (1 - b + b * length / average length). Precomputed at build time.
    """

    def __init__(
        self,
        docs: list[dict[str, Counter]],
        fields: dict[str, tuple[float, float]],
        faq: list[bool] | None,
        checklists: list[bool] | None = None,
    ):
        self.size = len(docs)
        self.terms = sorted(set().union(*(doc[name] for doc in docs for name in fields)))
        self.index: dict[str, int] = {term: number for number, term in enumerate(self.terms)}
        # Flat (term, document, weighted tf) triples; the loops over terms run in C (extend/map).
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        scales: list[float] = []
        for name, (weight, field_b) in fields.items():
            lengths = [sum(doc[name].values()) for doc in docs]
            average = (sum(lengths) / len(lengths) if lengths else 1.0) or 1.0
            for number, doc in enumerate(docs):
                counts = doc[name]
                if not counts:
                    continue
                b = field_b
                field_weight = (
                    FAQ_HEADING_WEIGHT if (faq and faq[number] and name == "heading") else weight
                )
                if checklists and checklists[number] and name == "body":
                    b = CHECKLIST_B
                rows.extend(map(self.index.__getitem__, counts))
                columns.extend(itertools.repeat(number, len(counts)))
                values.extend(counts.values())
                scales.extend(
                    itertools.repeat(
                        field_weight / (1 - b + b * lengths[number] / average), len(counts)
                    )
                )
        rows_a = np.array(rows, dtype=np.int64)
        keys = rows_a * max(1, self.size) + np.array(columns, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        values_a = (np.array(values, dtype=np.float64) * np.array(scales, dtype=np.float64))[order]
        starts = (
            np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
            if len(keys)
            else np.array([], dtype=np.int64)
        )
        tf = np.add.reduceat(values_a, starts) if len(keys) else values_a
        keys = keys[starts]
        term_of = keys // max(1, self.size)
        self.doc_ids = (keys % max(1, self.size)).astype(np.int32)
        df = np.bincount(term_of, minlength=len(self.terms))
        idf = np.log(1 + (self.size - df + 0.5) / (df + 0.5))
        self.scores = (idf[term_of] * tf / (K1 + tf)).astype(np.float32)
        self.idf = idf.tolist()
        self._family_idf: dict[tuple[int, ...], float] = {}
        self.offsets = np.r_[0, np.cumsum(df)].astype(np.int64)
        # Per term, its lowest score in any document: a synonym is capped below it (best_of).
        self.floor = (
            np.minimum.reduceat(self.scores, self.offsets[:-1]) if len(self.scores) else self.scores
        )

    def family_idf(self, group: Group) -> float | None:
        """idf of the typed word's family (its own terms and word-family relatives) taken as one
        term: the documents using any of them. None when the word has no indexed relative.

        Forms of one word are one word to the reader: "behandles" is rare beside "behandling", so
        by its own idf a passage with "behandles" outscored one with "behandling" and every other
        word of the question ("hvordan behandler man rodtryk i nakken"). Each family member's
        score is scaled down to the family's idf (never up), as a stemmer that merged them would.
        """
        numbers = tuple(
            sorted({self.index[t] for t in (*group.own, *group.relatives) if t in self.index})
        )
        if len(numbers) < 2:
            return None
        found = self._family_idf.get(numbers)
        if found is None:
            docs = np.unique(
                np.concatenate(
                    [self.doc_ids[self.offsets[n] : self.offsets[n + 1]] for n in numbers]
                )
            )
            df = len(docs)
            found = float(np.log(1 + (self.size - df + 0.5) / (df + 0.5)))
            if len(self._family_idf) < 50_000:
                self._family_idf[numbers] = found
        return found

    def best_of(self, group: Group) -> np.ndarray | None:
        """Per document, the best score among the group's alternatives (None: none indexed)."""
        reference = self.index.get(group.reference) if group.reference is not None else None
        family_idf = self.family_idf(group)
        found = []
        for term, factor in group.alternatives.items():
            number = self.index.get(term)
            if number is None:
                continue
            if reference is not None and term in group.relatives:
                factor *= min(1.0, self.idf[reference] / self.idf[number])
            if family_idf is not None and (term in group.own or term in group.relatives):
                factor *= min(1.0, family_idf / self.idf[number])
            start, end = self.offsets[number], self.offsets[number + 1]
            values = self.scores[start:end] * np.float32(factor)
            if reference is not None and term in group.synonyms and term not in group.own:
                # The user's own word always weighs more: a passage with only a synonym scores
                # below every passage that contains the typed word.
                values = np.minimum(values, self.floor[reference] * np.float32(0.95))
            found.append((self.doc_ids[start:end], values))
        if not found:
            return None
        best = np.zeros(self.size, dtype=np.float32)
        if len(found) == 1:
            best[found[0][0]] = found[0][1]
        else:  # one ufunc call over all alternatives: cheaper than a call per alternative
            np.maximum.at(
                best,
                np.concatenate([ids for ids, _ in found]),
                np.concatenate([v for _, v in found]),
            )
        return best


# ----- snippets ---------------------------------------------------------------------------

SNIPPET_WORDS = 32
SNIPPET_SCAN = 1500  # words of a passage searched for the best window


@lru_cache(maxsize=4096)
def _words_and_spans(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Lower-case words of a passage and their places in it. Cached: the same passages come
    up again and again, and the regex is most of a snippet's cost."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lower-cased ("İ")
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    found = list(itertools.islice(analysis.WORD_RE.finditer(lowered), SNIPPET_SCAN))
    return tuple(m.group() for m in found), tuple(m.span() for m in found)


def snippet(text: str, highlight: set[str] | frozenset[str], width: int = SNIPPET_WORDS) -> str:
    """A window of the original text around the densest run of matched words, HTML-escaped,
    the words in `highlight` (lower case) wrapped in <mark>."""
    words, spans = _words_and_spans(text)
    if not words:
        return html.escape(" ".join(text[:200].split()))
    matched = [word in highlight for word in words]
    # The window of `width` words with the most matches (prefix sums; the loops run in C).
    prefix = [0, *itertools.accumulate(matched)]
    counts = list(map(operator.sub, prefix[width:], prefix)) or [prefix[-1]]
    best_start = counts.index(max(counts))
    # Begin a few words before the first match in that window, so the snippet reads naturally.
    first = next(
        (i for i in range(best_start, min(len(words), best_start + width)) if matched[i]),
        best_start,
    )
    begin = max(0, first - 6)
    end = min(len(words), begin + width)
    out = ["… " if begin else ""]
    cursor = spans[begin][0]
    for i in range(begin, end):
        if matched[i]:
            start, stop = spans[i]
            out += [
                html.escape(text[cursor:start]),
                "<mark>",
                html.escape(text[start:stop]),
                "</mark>",
            ]
            cursor = stop
    cut = end < len(words) or len(words) == SNIPPET_SCAN
    out.append(html.escape(text[cursor : spans[end - 1][1] if cut else len(text)]))
    if cut:
        out.append(" …")
    return " ".join("".join(out).split())
