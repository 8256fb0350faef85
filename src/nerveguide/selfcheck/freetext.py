"""Turn a Danish description of neck or back trouble into self-check answer keys.

Entry point: `read_text(text) -> TextReading` (answers, found, provisional, unasked, findings,
`as_dict()`); the web flow, the API, the CLI and search call it. Pure Python, no Django.

Method (issue 18):
1. Tokens are folded (æ/ae -> e, ø/oe -> o, å/aa -> a) and written forms are made standard:
   Jutlandic ("a" = jeg, "æ" = den, "ett" = ikke), English ("numbness", "can't feel") and SMS
   forms from nerveguide/danish/data/concepts.yaml; a word the lexicon does not know is replaced
   by its lemma when that is a lexicon word, or, if it is not a real Danish word
   (nerveguide.danish.words), by the lexicon word one edit away ("iskjas" -> "iskias"); a real
   word is never "corrected" into another ("kraft" stays "kraft").
2. Concepts are matched with the patterns of lexicon.yaml over word classes from concepts.yaml
   (body parts take the usual noun endings). Ambiguous words only count with context: a
   bladder, bowel or sex word needs a trouble word ("urinprøven var fin" is nothing).
3. Each match is asserted with ConText (nerveguide.danish.context, triggers in
   danish/data/context.yaml): another person's, hypothetical and past mentions are ignored,
   hedged ones are "ved ikke", negated ones are "no".
4. Safety semantics for the warning signs of the akut rules: "yes" from the text; "no" only for
   a close, single, explicit denial; far-scoped, doubly negated or hedged denials, and a
   warning-sign area named with a word that something is wrong but no known symptom phrase, are
   "ved ikke" (null). When a key is found both present and denied, present wins.
5. Numbers: temperatures (38-42.5), durations in words and digits ("tre en halv uge"), holidays
   counted from today ("siden efterårsferien"), clamped to the rules' maximum; sides ("nu også i
   det modsatte ben" = both legs).
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import rapidfuzz
from rapidfuzz.distance import DamerauLevenshtein

from nerveguide.danish import concepts, context
from nerveguide.danish.folding import loose_fold as fold
from nerveguide.datafiles import load_yaml
from nerveguide.selfcheck import engine

LEXICON_FILE = Path(__file__).parent / "lexicon.yaml"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
GAP = r"(?: [^ .,;:!?]+){0,4}"
# Keys the web flow must ask when the text did not answer them: every key a warning rule reads.
WARNING_KEYS = (
    "saddle_anaesthesia",
    "bladder_bowel",
    "sexual_dysfunction",
    "weakness",
    "radiation",
    "fever",
    "major_trauma",
    "myelopathy_signs",
    "pain_uncontrolled",
    "cancer_history",
    "weight_loss",
    "night_pain",
)
# Keys whose words are theirs alone: saddle and genital feeling are not limb tingling, and
# the hands of "klodsede hænder" are a sign of the spinal cord, not pain spreading into the arms.
CLAIMING_KEYS = ("saddle_anaesthesia", "sexual_dysfunction")
CLAUSE_CLAIMING_KEYS = ("myelopathy_signs",)
# Safety semantics for warning signs: a denial further than CLOSE_DENIAL words from the sign (but
# in its clause, up to FAR_DENIAL words) leaves it "ved ikke"; a closer single denial is a "no".
CLOSE_DENIAL = 8
NEGATION_WORDS = frozenset({"ikke", "ingen", "intet", "inget", "aldrig", "uden", "hverken"})
FAR_DENIAL = 30
NEGATION_REACH = 10  # words a negator reaches forward within its clause
SIDE_REACH = 4  # words before a limb in which a side word ("venstre", "begge") counts
# Words that start a new clause after "og"/"eller": a new subject or verb ends a negation's scope.
NEW_CLAUSE_AFTER_AND = {
    "jeg",
    "det",
    "den",
    "der",
    "han",
    "hun",
    "vi",
    "de",
    "min",
    "mit",
    "mine",
    "har",
    "er",
    "kan",
    "nu",
    "sa",
    "i",
    "efter",
    "nar",
    "smerten",
    "smerterne",
}
# Words that open a sentence when written with a capital letter after another word.
SENTENCE_OPENERS = frozenset(
    [
        "jeg",
        "det",
        "der",
        "den",
        "de",
        "han",
        "hun",
        "vi",
        "min",
        "mit",
        "mine",
        "nu",
        "men",
        "og",
        "har",
        "kan",
        "er",
        "var",
        "ingen",
        "intet",
        "hvis",
        "siden",
        "efter",
        "i",
        "om",
        "når",
        "hvad",
        "hvorfor",
        "hvordan",
        "skal",
        "så",
        "ellers",
        "også",
        "ryggen",
        "nakken",
        "lænden",
    ]
)
CLAUSE_WORDS = {"men", "selvom", "fordi", "mens", "da", "nar", "sa", "bortset", "udover", "dog"}
PUNCT = set(".,;:!?")
TOPICAL_DENIAL = re.compile(
    r"(?:[:-] )?(?:nej|ingen|har jeg (?:heller )?(?:ikke|aldrig|ingen)|er der (?:heller )?(?:ikke|ingen))(?![^ ])"
)
# "jeg er 45 år", "45 år gammel": an age, not a duration
AGE_BEFORE = {"er", "blev", "fylder", "fyldte", "alder"}
AGE_AFTER = {"gammel", "gamle"}
# A colon does not end a clause: "Feber: nej" is one statement.
CLAUSE_PUNCT = set(".,;!?")
# "Jeg tror ikke, jeg har feber": the comma after a verb of thinking keeps the clause.
THINKING = {"tror", "synes", "mener", "tenker", "foler", "ved"}


@dataclass(frozen=True)
class Token:
    """One token of a text: its folded, standardised form and its character offsets
    [start, end) in the original text."""

    folded: str
    start: int  # offsets in the original text, for evidence
    end: int


@dataclass(frozen=True)
class Finding:
    """One answer read from a text: answer key, value (None = "ved ikke"), the words of the
    original text it rests on, and its token span (first, last; inclusive)."""

    key: str
    value: Any
    evidence: str
    first: int = field(compare=False)  # token span, for claims and ordering
    last: int = field(compare=False)


@dataclass(frozen=True)
class TextReading:
    """What the reader found in a text; see read_text for the fields."""

    answers: dict[str, Any]  # every key: found values, defaults for the rest
    found: dict[str, Any]  # only the keys the text answered (None: "ved ikke")
    provisional: bool
    unasked: tuple[str, ...]
    findings: tuple[Finding, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: answers, provisional, unasked and the findings with their evidence."""
        return {
            "answers": dict(self.answers),
            "provisional": self.provisional,
            "unasked": list(self.unasked),
            "findings": [
                {"key": f.key, "value": f.value, "evidence": f.evidence} for f in self.findings
            ],
        }


Analysis = TextReading  # former name


class Text:
    """A tokenised, folded text with clause numbers, searchable with compiled patterns."""

    TOKEN = re.compile(r"\d+(?:[.,]\d+)?|\w+|[.,;:!?–—]|(?<=\s)-(?=\s)")

    def __init__(self, text: str, lex: "Lexicon | None" = None, today: date | None = None):
        self.raw = text
        self.today = today or _today()
        self.tokens = _standard_tokens(text, lex)
        self.joined = " ".join(t.folded for t in self.tokens)
        self.offsets = []
        position = 0
        for token in self.tokens:
            self.offsets.append(position)
            position += len(token.folded) + 1
        self.clause = self._clauses()
        self.context = context.default(fold).document([t.folded for t in self.tokens])

    def _clauses(self) -> list[int]:
        numbers, current = [], 0
        words = [t.folded for t in self.tokens]
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            if word in CLAUSE_PUNCT:
                # "Jeg ved ikke, om ..." / "Jeg tror ikke, at ...": the comma keeps the clause.
                previous = words[max(i - 2, 0) : i]
                keeps = following in ("om", "at") or (previous and previous[-1] in ("om", "at"))
                keeps = keeps or bool(THINKING & set(previous))
                if not (word == "," and keeps):
                    current += 1
            elif word in CLAUSE_WORDS or (
                word in ("og", "eller") and following in NEW_CLAUSE_AFTER_AND
            ):
                current += 1
            numbers.append(current)
        return numbers

    def find(self, pattern: re.Pattern) -> list[tuple[int, int]]:
        """Token spans (first, last) of each match, trying only at word starts (fast: a
        pattern is tried once per word, not once per character)."""
        spans, first, count = [], 0, len(self.offsets)
        while first < count:
            match = pattern.match(self.joined, self.offsets[first])
            if match is None:
                first += 1
                continue
            last = bisect_right(self.offsets, match.end() - 1) - 1
            spans.append((first, last))
            first = last + 1
        return spans

    def words(self, first: int, last: int) -> list[str]:
        """The folded tokens first..last (inclusive)."""
        return [t.folded for t in self.tokens[first : last + 1]]

    def evidence(self, first: int, last: int) -> str:
        """The original text covered by tokens first..last (inclusive), as the person wrote it."""
        return self.raw[self.tokens[first].start : self.tokens[last].end]

    def same_clause(self, i: int, j: int) -> bool:
        """Whether tokens i and j are in the same clause (and token i is not punctuation)."""
        return self.clause[i] == self.clause[j] and self.tokens[i].folded not in PUNCT


def _standard_tokens(text: str, lex: "Lexicon | None") -> list[Token]:
    """Folded tokens in standard Danish: other written forms (Jutlandic "a" for "jeg", English
    "numbness", SMS "ik") replaced by the standard words of concepts.yaml, and one-letter typos
    of lexicon words corrected, but never a real Danish word (nerveguide.danish.words)."""
    matches = list(Text.TOKEN.finditer(text))
    raw = [(m.group().lower(), m.start(), m.end()) for m in matches]
    # "ingen feber Jeg har 39 i feber": a capitalised sentence opener after a word starts a new
    # sentence even without a full stop, so no negation or doubt reaches across it
    starts = {
        i
        for i in range(1, len(matches))
        if matches[i].group()[:1].isupper()
        and not matches[i].group().isupper()
        and raw[i][0] in SENTENCE_OPENERS
        and raw[i - 1][0] not in PUNCT
    }
    tokens: list[Token] = []
    replaced = {
        first: (last, standard)
        for first, last, standard in concepts.standard_forms([w for w, _, _ in raw])
    }
    i = 0
    while i < len(raw):
        if i in replaced:
            last, standard = replaced[i]
            for word in standard:
                tokens.append(Token(fold(word), raw[i][1], raw[last][2]))
            i = last + 1
            continue
        word, start, end = raw[i]
        if i in starts:
            tokens.append(Token(".", start, start))
        folded = fold(word)
        if lex is not None:
            folded = lex.correct(word, folded)
        tokens.append(Token(folded, start, end))
        i += 1
    return tokens


class Lexicon:
    """lexicon.yaml compiled to regular expressions over folded, space-joined tokens."""

    # Set by lexicon() once the whole file is compiled (typo correction).
    vocabulary_list: list[str]  # vocabulary plus the usual endings of wildcard stems, sorted
    stems_by_letter: dict[str, list[str]]  # first letter -> wildcard stems

    def __init__(self, data: dict):
        shared = concepts.concepts()
        classes = dict(shared.classes) | dict(data["classes"])
        self.inflected = shared.inflected
        self.classes = {name: [fold(e) for e in entries] for name, entries in classes.items()}
        self.vocabulary: set[str] = set()  # literal words of the lexicon, for typo correction
        self.stems: set[str] = set()  # the fixed beginnings of wildcard entries ("smert*")
        self.numbers = {fold(k): v for k, v in data["numbers"].items()}
        self.units = {fold(k): v for k, v in data["units"].items()}
        number_words = "|".join(sorted((re.escape(w) for w in self.numbers), key=len, reverse=True))
        self.number = rf"\d+(?:[.,]\d+)?|{number_words}"
        # "en otte-ni kilo", "ca. 5 kg", "tre-fire meter": an approximate number in a pattern
        self.approx_number = (
            rf"(?:(?:en|et|ca|cirka|omkring|godt|knap|over|naesten|nesten) )?(?:{self.number})"
            rf"(?: (?:til|eller|-) (?:{self.number})| (?:{self.number}))?"
        )
        keys = dict(data["keys"])
        self.course_not_after = {fold(w) for w in keys.pop("course_not_after")}
        radiation = keys.pop("radiation")
        self.radiation = {name: self.compile_all(phrases) for name, phrases in radiation.items()}
        self.values: dict[str, list[tuple[Any, list[re.Pattern]]]] = {}
        self.exclusions: dict[str, dict[str, re.Pattern]] = {}
        for key, spec in keys.items():
            if key not in engine.ruleset().keys:
                raise ValueError(f"lexicon.yaml: unknown answer key {key!r}")
            spec = dict(spec)
            self.exclusions[key] = {
                kind: self.compile_all(spec.pop(kind))
                for kind in (
                    "not",
                    "not_in_clause",
                    "not_in_clause_without_self",
                    "unsure_in_sentence",
                )
                if kind in spec
            }
            # one alternation per value: a few dozen regex scans per text instead of hundreds
            self.values[key] = [
                (None if value == "ved_ikke" else value, [self.compile_all(phrases)])
                for value, phrases in spec.items()
            ]
        self.limbs = {
            name: self.compile(f"@{name}")
            for name in ("arm_one", "arm_both", "leg_one", "leg_both")
        }
        self.history = self.compile("@history")
        self.region = {
            name: self.compile(f"@{name}") for name in ("neck_word", "low_back_word", "back_word")
        }
        self.negators = set(self.classes["negator"])
        self.modals = set(self.classes["modal"])
        self.unsure = [e.split() for e in self.classes["unsure"]]
        self.sides = {
            word: side
            for side in ("left", "right", "both", "other")
            for word in self.classes[f"side_{side}"]
        }
        self.self_words = {"jeg", "mig", "selv"}
        # fixed phrases ("siden i forgårs"), longest first so the longest reading wins
        self.time_phrases = {fold(phrase): weeks for phrase, weeks in data["time_phrases"].items()}
        self.time_phrase = self.compile_all(sorted(self.time_phrases, key=len, reverse=True))
        unit_words = "|".join(sorted((re.escape(w) for w in self.units), key=len, reverse=True))
        self.duration = re.compile(
            rf"(?<![^ ])({self.number})( (?:og )?(?:en|et) halvt?)? ({unit_words})(?![^ ])"
        )
        anchors = "|".join(sorted(w for names, _ in CALENDAR_ANCHORS for w in names))
        self.anchor = re.compile(rf"(?<![^ ])siden (?:i |sidste )?(?:{anchors})(?![^ ])")
        self.pain_word = self.compile(
            "ondt|smerte*|smerter*|smerten|@neck_word|@low_back_word|@back_word"
        )
        self.temperature_word = self.compile("@temperature_word")
        self.progressive = self.compile("@progressive")
        self.sudden = self.compile("@sudden")
        self.abnormal = self.compile("@abnormal")
        self.limb_harmless = self.compile("@limb_harmless")
        self.sensation = self.compile("@sensation")
        self.unclear_areas = {
            "saddle_anaesthesia": self.compile("@saddle_area"),
            "bladder_bowel": self.compile("@bb_organ"),
            "sexual_dysfunction": self.compile("@sex_organ"),
        }
        self.onset_now = self.compile(
            "startede|begyndte|kom|skete [pludselig] i nat|morges|dag|aftes|går|gar",
        )

    def compile_all(self, phrases: list[str]) -> re.Pattern:
        """One pattern matching any of the phrases; errors as for compile."""
        return re.compile("|".join(f"(?:{self.compile(p).pattern})" for p in phrases))

    def compile(self, phrase: str) -> re.Pattern:
        """A lexicon phrase (syntax in lexicon.yaml: words, a|b, @class, [optional], ..) as a
        pattern over whole folded words. ValueError for a malformed [item] or a nested class,
        KeyError for an unknown @class."""
        return re.compile(r"(?<![^ ])" + self._phrase(phrase) + r"(?![^ ])")

    def _phrase(self, phrase: str) -> str:
        out, gap = "", False
        for item in phrase.split():
            if item == "..":
                gap = True
                continue
            optional = item.startswith("[") and item.endswith("]")
            if item.startswith("[") != item.endswith("]"):
                raise ValueError(f"lexicon: an optional [item] is one word, in {phrase!r}")
            body = self._item(item.strip("[]"))
            joiner = "" if not out else (GAP if gap else "") + " "
            if optional and out:
                out += f"(?:{GAP if gap else ''} {body})?"
            else:
                out += joiner + body
            gap = False
        return out

    def _item(self, item: str) -> str:
        alternatives = []
        for alternative in item.split("|"):
            if alternative == "@num":
                alternatives.append(self.approx_number)
            elif alternative.startswith("@"):
                entries = self.classes[alternative[1:]]
                inflect = alternative[1:] in self.inflected
                alternatives.extend(self._words(entry, inflect) for entry in entries)
            else:
                alternatives.append(self._words(fold(alternative)))
        return "(?:" + "|".join(alternatives) + ")"

    def _words(self, entry: str, inflect: bool = False) -> str:
        """A class entry or literal, possibly several words, with * as any letters.

        In an `inflected` class (concepts.yaml) a one-word entry also matches the usual noun
        endings, so "hæl" matches "hælen" and "hælene" (a light-weight stand-in for lemmas)."""
        words = []
        parts = entry.split()
        for word in parts:
            if word == "@num":
                words.append(f"(?:{self.approx_number})")
                continue
            if word.startswith("@"):
                raise ValueError(f"lexicon.yaml: nested class {word!r} inside a class entry")
            if "*" in word:
                stem = word.replace("*", "")
                if word.endswith("*") and not word.startswith("*") and len(stem) >= 4:
                    self.stems.add(stem)
            elif word.isalpha():
                self.vocabulary.add(word)
            pattern = re.escape(word).replace(r"\*", r"\w*")
            if inflect and len(parts) == 1 and "*" not in word and len(word) >= 4:
                pattern += NOUN_ENDINGS
            words.append(pattern)
        return " ".join(words)

    def correct(self, word: str, folded: str) -> str:
        """The lexicon word a one-letter typo stands for ("iskjas" -> "iskias"); the folded word
        itself when it is known, short, a real Danish word or not close to any lexicon word."""
        return _correct(self, word, folded)


NOUN_ENDINGS = "(?:en|et|e|ene|er|erne|s)?"
MIN_TYPO_LENGTH = 5  # shorter words have too many neighbours to correct safely
LONG_WORD = 9  # from this length two edits are allowed ("følelsløs" -> "følelsesløs")


@lru_cache(maxsize=4096)
def _is_real_word(word: str) -> bool:
    try:
        from nerveguide.danish import words
    except ImportError:  # the shared word list not installed: correct nothing
        return True
    return words.is_word(word)


def _lemmas(word: str) -> tuple[str, ...]:
    try:
        from nerveguide.danish import lemmas
    except ImportError:  # the shared lemmatiser not installed: surface forms only
        return ()
    return lemmas.lemmas(word)


def _correct(lex: "Lexicon", word: str, folded: str) -> str:
    if (
        len(folded) < MIN_TYPO_LENGTH
        or not folded.isalpha()
        or folded in lex.vocabulary
        or any(folded.startswith(stem) for stem in lex.stems_by_letter.get(folded[0], ()))
    ):
        return folded
    return _typo(lex, word, folded)


@lru_cache(maxsize=4096)
def _typo_cached(word: str, folded: str) -> str:
    """A word the lexicon does not know: its lemma when that is a lexicon word ("snublede" ->
    "snuble"), else, if it is not a real Danish word, the lexicon word one edit away."""
    lex = lexicon()
    for lemma in _lemmas(word):
        if fold(lemma) in lex.vocabulary:
            return fold(lemma)
    if _is_real_word(word):
        return folded
    match = rapidfuzz.process.extractOne(
        folded,
        lex.vocabulary_list,
        scorer=DamerauLevenshtein.distance,
        score_cutoff=1 if len(folded) < LONG_WORD else 2,
    )
    return match[0] if match else folded


def _typo(lex: "Lexicon", word: str, folded: str) -> str:
    if lex is not _LEXICON_READY.get("lexicon"):
        return folded  # while the lexicon itself is being built
    return _typo_cached(word, folded)


_LEXICON_READY: dict[str, "Lexicon"] = {}


@cache
def red_flag_keys() -> frozenset[str]:
    """Yes/no keys whose "ved ikke" is a rule of its own (rules.yaml `is: null`): the warning
    signs of the akut rules, for which a text may set "yes" but "no" only on a close denial."""
    keys = set()

    def walk(condition):
        for part in condition.get("all", []) + condition.get("any", []):
            walk(part)
        if "is" in condition and condition["is"] is None:
            keys.add(condition["key"])

    for rule in engine.ruleset().rules:
        walk(rule.when)
    return frozenset(keys)


@cache
def lexicon() -> Lexicon:
    """lexicon.yaml with the shared concepts, compiled once per process."""
    lex = Lexicon(load_yaml(LEXICON_FILE))
    # a wildcard entry ("skridt*") offers its stem and the usual endings for typo correction
    forms = {stem + ending for stem in lex.stems for ending in ("", "en", "et", "e", "er", "ene")}
    lex.vocabulary_list = sorted(lex.vocabulary | forms)
    lex.stems_by_letter = {}
    for stem in lex.stems:
        lex.stems_by_letter.setdefault(stem[0], []).append(stem)
    _LEXICON_READY["lexicon"] = lex
    return lex


def read_text(text: str, today: date | None = None) -> "TextReading":
    """Read a Danish description of neck or back trouble into the self-check's answer keys.

    The one entry point of the reader (the web flow, the API, the CLI and search call it).
    `text`: any string (empty or unreadable text gives no findings, never an error). `today`:
    the date durations like "siden efterårsferien" are counted to (default: today in Denmark).
    Returns a TextReading: `answers` (every key, defaults where the text says nothing),
    `found` (only the keys the text answered; None is "ved ikke"), `unasked` (warning-sign
    keys the text did not establish: not mentioned, or unclear) and `provisional` (True when
    anything is unasked: the result may rise when those questions are answered).
    """
    lex = lexicon()
    doc = Text(text, lex, today or _today())
    claimed: set[int] = set()
    findings: list[Finding] = []
    for key in lex.values:
        finding = _read_key(lex, doc, key, claimed)
        if key == "weakness" and finding is not None:
            finding = _sudden_weakness(lex, doc, _progressive_weakness(lex, doc, finding))
        if key == "fever" and (finding is None or finding.value is not True):
            finding = _read_temperature(lex, doc) or finding
        if finding:
            findings.append(finding)
    present = {f.key for f in findings}
    for key, area in lex.unclear_areas.items():
        if key not in present and (finding := _unclear_sign(lex, doc, key, area)):
            findings.append(finding)
    for reader in (_read_radiation, _read_region, _read_duration):
        finding = reader(lex, doc, claimed)
        if finding:
            findings.append(finding)
    found = {f.key: f.value for f in findings}
    defaults = {name: key.default for name, key in engine.ruleset().keys.items()}
    answers = defaults | found
    unasked = tuple(key for key in WARNING_KEYS if found.get(key) is None)
    return TextReading(answers, found, bool(unasked), unasked, tuple(findings))


def analyse(text: str, today: date | None = None) -> "TextReading":
    """Former name of read_text, kept for callers."""
    return read_text(text, today)


def _today() -> date:
    return datetime.now(COPENHAGEN).date()


def _unclear_sign(lex: Lexicon, doc: Text, key: str, area: re.Pattern) -> Finding | None:
    """A warning-sign area (the saddle, the bladder or bowel, the genitals) named as the person's
    own, now, in a sentence that says something is wrong, but in words the lexicon does not
    know as a symptom: unreadable, so "ved ikke" (asked in the web flow), never "no"."""
    wrong = [
        (a, b)
        for pattern in (lex.abnormal, lex.sensation)
        for a, b in doc.find(pattern)
        if _polarity(lex, doc, a, b, key) == "yes"
    ]
    words = [t.folded for t in doc.tokens]
    for first, last in doc.find(area):
        if _polarity(lex, doc, first, last, key) != "yes":
            continue
        # "det snurrer fra numsen og ned i foden" names a path of sciatica, not the area itself
        before, after = words[max(first - 2, 0) : first], words[last + 1 : last + 4]
        if "fra" in before and PATH_WORDS & set(after):
            continue
        sentence = doc.context.sentence[first]
        if any(doc.context.sentence[a] == sentence for a, _ in wrong):
            return Finding(key, None, doc.evidence(first, last), first, last)
    return None


def _progressive_weakness(lex: Lexicon, doc: Text, finding: Finding) -> Finding:
    """Lost function described as getting worse day by day ("kan næsten ikke løfte foden, det
    bliver værre hver dag") is progressive weakness, not a sudden one."""
    if finding.value != "pludselig_kraftig":
        return finding
    sentence = doc.context.sentence[finding.first]
    in_sentence = [i for i, n in enumerate(doc.context.sentence) if n == sentence]
    first, last = in_sentence[0], in_sentence[-1]

    def named(pattern: re.Pattern) -> bool:
        return any(first <= a and b <= last for a, b in doc.find(pattern))

    if named(lex.progressive) and not named(lex.sudden):
        return Finding("weakness", "tiltagende", finding.evidence, finding.first, finding.last)
    return finding


def _sudden_weakness(lex: Lexicon, doc: Text, finding: Finding) -> Finding:
    """A weak or failing limb whose sentence dates its start to today or last night ("benet
    svigter, det startede i nat") is new and sudden weakness (the safe reading)."""
    if finding.value != "let":
        return finding
    sentence = doc.context.sentence[finding.first]
    in_sentence = [i for i, n in enumerate(doc.context.sentence) if n == sentence]
    first, last = in_sentence[0], in_sentence[-1]
    if any(first <= a and b <= last for a, b in doc.find(lex.onset_now)):
        return Finding(
            "weakness", "pludselig_kraftig", finding.evidence, finding.first, finding.last
        )
    return finding


def _polarity(lex: Lexicon, doc: Text, first: int, last: int, key: str = "") -> str:
    """'yes', 'no', 'unsure' or 'ignore' for a concept matched at tokens first..last.

    The ConText assertion (nerveguide.danish.context) decides: another person's symptom, a
    hypothetical or general question and (except for a cancer history) a past episode are
    ignored; a hedge makes it 'unsure'. Safety semantics for the warning signs of the akut
    rules: a denial counts only when it is close (CLOSE_DENIAL words) and single; a far-scoped
    or double denial is 'unsure' ("ved ikke"), never 'no'.
    """
    assertion = doc.context.assertion(first, last, far=FAR_DENIAL)
    if assertion.other_person or _general_question(doc, first):
        return "ignore"
    if assertion.hypothetical:
        # "hvad gør jeg, hvis jeg ikke kan styre blæren", "bange for at jeg ikke kan mærke
        # skridtet": a warning sign the writer puts to themselves is unclear, never nothing.
        return "unsure" if key in red_flag_keys() and _own_condition(doc, first) else "ignore"
    if assertion.historical and key != "cancer_history":
        return "ignore"
    if assertion.uncertain:
        return "unsure"
    if assertion.negated:
        # a denial of a phrase that holds its own negation ("det er ikke sådan, at jeg ikke kan
        # tisse") is a double negation
        double = assertion.negations > 1 or bool(NEGATION_WORDS & set(doc.words(first, last)))
        distance = assertion.negation_distance  # set whenever negated (danish.context)
        far = distance is None or distance > CLOSE_DENIAL  # unknown distance: the safe side
        if key in red_flag_keys() and (far or double):
            return "unsure"
        return "no"
    return "yes"


def _unsure_in_sentence(lex: Lexicon, doc: Text, key: str, first: int) -> bool:
    """The key's sentence holds words that make a found sign unclear (lexicon `unsure_in_sentence`)."""
    pattern = lex.exclusions[key].get("unsure_in_sentence")
    if pattern is None:
        return False
    sentence = doc.context.sentence[first]
    return any(doc.context.sentence[a] == sentence for a, _ in doc.find(pattern))


def _own_condition(doc: Text, first: int) -> bool:
    """The nearest hypothetical trigger before token `first` opens a clause about the writer:
    a first-person word stands between the trigger and the concept ("hvis jeg ikke kan ...",
    "bange for, at jeg ..."), not only before the trigger ("skal jeg være bekymret for feber")."""
    sentence = doc.context.sentence
    before = [
        t
        for t in doc.context.triggers
        if t.rule.category == "HYPOTHETICAL"
        and t.last < first
        and sentence[t.last] == sentence[first]
    ]
    if not before:
        return False
    start = max(t.last for t in before) + 1
    return any(doc.tokens[j].folded in FIRST_PERSON for j in range(start, first))


def _sentence_words(doc: Text, i: int) -> list[str]:
    """The folded words of the sentence that holds token i."""
    sentence = doc.context.sentence
    return [doc.tokens[j].folded for j in range(len(doc.tokens)) if sentence[j] == sentence[i]]


def _general_question(doc: Text, i: int) -> bool:
    """Token i is in a question that does not speak of the writer ("Kan iskias give problemer
    med at tisse?"), as opposed to "Er det normalt, at jeg ikke kan mærke ...?"."""
    words = _sentence_words(doc, i)
    if not words or words[-1] != "?" or FIRST_PERSON & set(words):
        return False
    # "Er det farligt, at det stråler ned i foden?" asks about the writer's own symptom
    own = words[:2] == ["er", "det"] or any(a == "," and b == "at" for a, b in pairwise(words))
    return not own


def _excluded(lex: Lexicon, doc: Text, key: str, first: int, last: int) -> bool:
    rules = lex.exclusions[key]
    if "not" in rules:
        for a, b in doc.find(rules["not"]):
            if a <= last and b >= first:
                return True
    clause_tokens = [i for i, c in enumerate(doc.clause) if c == doc.clause[first]]
    clause_text = " ".join(doc.tokens[i].folded for i in clause_tokens)
    if "not_in_clause" in rules and rules["not_in_clause"].search(clause_text):
        return True
    if "not_in_clause_without_self" in rules and rules["not_in_clause_without_self"].search(
        clause_text
    ):
        return not (lex.self_words & set(clause_text.split()))
    return False


def _read_key(lex: Lexicon, doc: Text, key: str, claimed: set[int]) -> Finding | None:
    """The value of one lexicon key: present beats unsure beats denied; first value listed wins."""
    best: dict[str, Finding] = {}
    said_no: set[int] = set()  # words of explicit "no" phrases ("kan godt tisse") are theirs alone
    for value, patterns in sorted(lex.values[key], key=lambda item: item[0] is not False):
        for pattern in patterns:
            for first, last in doc.find(pattern):
                if (claimed | said_no) & set(range(first, last + 1)):
                    continue
                if value is False:
                    said_no.update(range(first, last + 1))
                if value is not False and _excluded(lex, doc, key, first, last):
                    continue
                if (
                    key == "course"
                    and value in ("bedre", "vaerre")
                    and _course_situation(lex, doc, last)
                ):
                    continue
                polarity = _polarity(lex, doc, first, last, key)
                if polarity == "ignore":
                    continue
                if value is False:
                    # a statement of normal function ("jeg tisser normalt"): affirmed, it denies the
                    # sign; hedged or negated, it leaves the sign unclear
                    polarity = "no" if polarity == "yes" else "unsure"
                elif value is None and polarity == "yes":
                    polarity = "unsure"  # a phrase that only hints at the sign ("natsved")
                if polarity == "yes" and _unsure_in_sentence(lex, doc, key, first):
                    polarity = "unsure"
                if polarity == "unsure" and engine.ruleset().keys[key].type != "bool":
                    # "ved ikke" exists only for yes/no questions; a hedged value of a choice key
                    # counts as said (the conservative reading)
                    polarity = "yes" if value not in (None, False) else "ignore"
                if key in CLAIMING_KEYS:
                    claimed.update(range(first, last + 1))
                if key in CLAUSE_CLAIMING_KEYS and polarity == "yes":
                    # "mine hænder er blevet klodsede": the hands are the sign, not a spreading pain
                    claimed.update(i for i, c in enumerate(doc.clause) if c == doc.clause[first])
                evidence = doc.evidence(first, last)
                if polarity == "yes" and "yes" not in best:
                    best["yes"] = Finding(key, value, evidence, first, last)
                elif polarity == "unsure" and "unsure" not in best:
                    best["unsure"] = Finding(key, None, evidence, first, last)
                elif polarity == "no" and "no" not in best:
                    denied = engine.ruleset().keys[key].default
                    best["no"] = Finding(key, denied, evidence, first, last)
    return best.get("yes") or best.get("unsure") or best.get("no")


def _course_situation(lex: Lexicon, doc: Text, last: int) -> bool:
    """'bedre når jeg ligger' describes a position, not the course over time."""
    return last + 1 < len(doc.tokens) and doc.tokens[last + 1].folded in lex.course_not_after


def _read_radiation(lex: Lexicon, doc: Text, claimed: set[int]) -> Finding | None:
    """Arms and legs named with a symptom, with their sides; or spreading without a named limb."""
    sides: dict[str, set[str]] = {"arm": set(), "leg": set()}
    evidence: dict[str, list[int]] = {"arm": [], "leg": []}
    denied = []
    for name, pattern in lex.limbs.items():
        limb = name.split("_")[0]
        for first, last in doc.find(pattern):
            if claimed & set(range(first, last + 1)):
                continue
            polarity = _polarity(lex, doc, first, last, "radiation")
            if polarity == "ignore" or _harmless_limb(lex, doc, first):
                continue
            if polarity == "no":
                denied.append((first, last))
                continue
            sides[limb].add("both" if name.endswith("both") else _side(lex, doc, first))
            evidence[limb].extend((first, last))
    # "i venstre ben, og siden i går også i højre.": a side named on its own, at the end of a
    # clause, belongs to the one kind of limb the text speaks of
    named = [limb for limb in ("leg", "arm") if sides[limb] & {"left", "right"}]
    if len(named) == 1:
        sides[named[0]] |= _orphan_sides(lex, doc)
    for limb in ("leg", "arm"):
        both = sides[limb] & {"both"} or {"left", "right"} <= sides[limb]
        # "i højre ben, og nu også i det modsatte": the other side of a limb already named
        other = "other" in sides[limb] and len(sides[limb]) > 1
        if both or other:
            value = "begge_ben" if limb == "leg" else "begge_arme"
            return _span_finding(doc, "radiation", value, evidence[limb])
    for limb in ("leg", "arm"):
        if sides[limb]:
            return _span_finding(
                doc, "radiation", "ben" if limb == "leg" else "arm", evidence[limb]
            )
    for first, last in doc.find(lex.radiation["sciatica"]):
        if _polarity(lex, doc, first, last, "radiation") not in ("no", "ignore"):
            return _span_finding(doc, "radiation", "ben", [first, last])
    for first, last in doc.find(lex.radiation["spreading"]):
        if _polarity(lex, doc, first, last, "radiation") in ("yes", "unsure"):
            region = _read_region(lex, doc, claimed)
            value = "arm" if region and region.value == "nakke" else "ben"
            return _span_finding(doc, "radiation", value, [first, last])
    spreading_denied = [
        (a, b)
        for a, b in doc.find(lex.radiation["spreading"])
        if _polarity(lex, doc, a, b, "radiation") == "no"
    ]
    for first, last in doc.find(lex.radiation["none"]) + denied + spreading_denied:
        return _span_finding(doc, "radiation", "ingen", [first, last])
    return None


def _harmless_limb(lex: Lexicon, doc: Text, first: int) -> bool:
    """The limb's clause says it is only tired, not in pain."""
    clause = doc.clause[first]
    return any(doc.clause[a] == clause for a, _ in doc.find(lex.limb_harmless))


def _orphan_sides(lex: Lexicon, doc: Text) -> set[str]:
    """Sides ("højre", "venstre") followed by the end of a clause, not by a noun."""
    words = [t.folded for t in doc.tokens]
    found = set()
    for i, word in enumerate(words):
        side = lex.sides.get(word)
        following = words[i + 1] if i + 1 < len(words) else "."
        if (
            side in ("left", "right")
            and following in PUNCT
            and _polarity(lex, doc, i, i, "radiation") == "yes"
        ):
            found.add(side)
    return found


def _side(lex: Lexicon, doc: Text, first: int) -> str:
    """The side named just before a limb; "højre og venstre ben" names both."""
    words = [t.folded for t in doc.tokens]
    for i in range(first - 1, max(first - SIDE_REACH, 0) - 1, -1):
        if words[i] in PUNCT:
            break
        if side := lex.sides.get(words[i]):
            if (
                i >= 2
                and words[i - 1] in ("og", "eller")
                and lex.sides.get(words[i - 2]) not in (None, side)
            ):
                return "both"
            return side
    return "one"


def _read_region(lex: Lexicon, doc: Text, claimed: set[int]) -> Finding | None:
    spans: dict[str, list[int]] = {}
    neck_tokens: set[int] = set()
    for name, pattern in lex.region.items():
        for first, last in doc.find(pattern):
            if name == "back_word" and neck_tokens & set(range(first, last + 1)):
                continue  # "øverst i ryggen" is the neck's
            if name == "neck_word":
                neck_tokens.update(range(first, last + 1))
            spans.setdefault("nakke" if name == "neck_word" else "laend", []).extend((first, last))
    if "nakke" in spans and "laend" in spans:
        return _span_finding(doc, "region", "begge", spans["nakke"] + spans["laend"])
    for region, span in spans.items():
        return _span_finding(doc, "region", region, span)
    # no region named: the limb tells ("prikken i hånden" -> neck)
    for name, pattern in lex.limbs.items():
        for first, last in doc.find(pattern):
            if not claimed & set(range(first, last + 1)) and _polarity(
                lex, doc, first, last, "region"
            ) in ("yes", "unsure"):
                return _span_finding(
                    doc, "region", "nakke" if name.startswith("arm") else "laend", [first, last]
                )
    return None


def _read_duration(lex: Lexicon, doc: Text, claimed: set[int]) -> Finding | None:
    """How long the current episode has lasted, in weeks.

    The longest duration named, so that "de sidste to dage" of a change within the episode does
    not win; durations in a clause about the pain are preferred over others ("tabt 8 kilo siden
    jul, og ryggen har gjort ondt den sidste måneds tid"), and a past episode ("for et år siden",
    a ConText historical trigger) only counts when nothing else is named. A duration longer than
    the rules allow (a century) is clamped to the maximum, never an error.
    """
    candidates = []  # (weeks, first, last)
    for first, last in doc.find(lex.time_phrase):
        phrase = " ".join(doc.words(first, last))
        candidates.append((lex.time_phrases[phrase], first, last))
    for match in lex.duration.finditer(doc.joined):
        amount, half, unit = match.group(1), match.group(2), match.group(3)
        number = float(amount.replace(",", ".")) if amount[0].isdigit() else lex.numbers[amount]
        number += 0.5 if half else 0
        first = bisect_right(doc.offsets, match.start()) - 1
        last = bisect_right(doc.offsets, match.end() - 1) - 1
        before = doc.tokens[first - 1].folded if first else ""
        after = doc.tokens[last + 1].folded if last + 1 < len(doc.tokens) else ""
        if before in AGE_BEFORE or after in AGE_AFTER:
            continue
        candidates.append((number * lex.units[unit], first, last))
    if not candidates:  # a holiday is a fallback: "siden påske, altså halvanden måned" says it
        for first, last in doc.find(lex.anchor):
            weeks = _weeks_since(doc.words(last, last)[0], doc.today)
            if weeks is not None:
                candidates.append((weeks, first, last))
    if not candidates:
        return None
    # "kræft for 10 år siden" dates the history, not the current episode
    history = {doc.clause[i] for a, b in doc.find(lex.history) for i in (a, b)}
    current = [
        c
        for c in candidates
        if doc.clause[c[1]] not in history and not _historical(doc, c[1], c[2])
    ]
    pain_clauses = _pain_clauses(lex, doc)
    # a past date counts only when it dates the pain ("ondt i ryggen for to år siden")
    candidates = current or [c for c in candidates if doc.clause[c[1]] in pain_clauses]
    if not candidates:
        return None
    about_pain = [c for c in candidates if doc.clause[c[1]] in pain_clauses]
    candidates = about_pain or candidates
    weeks, first, last = max(candidates, key=lambda c: (c[0], c[2] - c[1]))
    maximum = engine.ruleset().keys["duration_weeks"].max
    return Finding(
        "duration_weeks", round_weeks(min(weeks, maximum)), doc.evidence(first, last), first, last
    )


def _historical(doc: Text, first: int, last: int) -> bool:
    """The span is a ConText historical trigger itself ("for et år siden") or in its scope."""
    for trigger in doc.context.triggers:
        if (
            trigger.rule.category == "HISTORICAL"
            and trigger.first <= last
            and trigger.last >= first
        ):
            return True
    return doc.context.assertion(first, last).historical


def _pain_clauses(lex: Lexicon, doc: Text) -> set[int]:
    return {doc.clause[a] for a, _ in doc.find(lex.pain_word)}


def _weeks_since(anchor: str, today: date) -> float | None:
    """Weeks since the last time a named holiday or season began ("siden efterårsferien")."""
    for names, month_day in CALENDAR_ANCHORS:
        if anchor in names:
            if month_day == "easter":
                start = _easter(today.year)
                if start > today:
                    start = _easter(today.year - 1)
            else:
                start = date(today.year, *month_day)
                if start > today:
                    start = date(today.year - 1, *month_day)
            return (today - start).days / 7
    return None


def _easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher); written here because
    the standard library has no Easter and one function does not justify a dependency."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


# Holidays and seasons a duration may be counted from, with the (month, day) they begin:
# Danish school holidays approximately (vinterferie week 7, efterårsferie week 42).
CALENDAR_ANCHORS = (
    ({"jul", "julen", "juleaften"}, (12, 24)),
    ({"nytar", "nytaar", "nytarsaften"}, (1, 1)),
    ({"paske", "paasken", "pasken", "paaske"}, "easter"),
    ({"vinterferien", "vinterferie"}, (2, 14)),
    ({"sommerferien", "sommerferie"}, (7, 1)),
    ({"efterarsferien", "efteraarsferien", "efterarsferie"}, (10, 15)),
    ({"sommer", "sommeren"}, (6, 21)),
    ({"efteraret", "efteraaret", "efterar"}, (9, 22)),
    ({"foraret", "foraaret", "forar"}, (3, 20)),
    ({"vinter", "vinteren"}, (12, 21)),
)


def _read_temperature(lex: Lexicon, doc: Text) -> Finding | None:
    """A fever given as a number: "38,8", "ligget med 39,4", "39 grader i aftes".

    A decimal number from 38.0 to 42.5 not followed by a unit is a temperature; a whole number
    from 38 to 42 counts only next to a temperature word. Another person's temperature or a
    past one is ignored (ConText)."""
    words = [t.folded for t in doc.tokens]
    for i, word in enumerate(words):
        if not word[:1].isdigit():
            continue
        try:
            value = float(word.replace(",", "."))
        except ValueError:
            continue
        if not FEVER_MIN <= value <= FEVER_MAX:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        near = " ".join(words[max(i - 2, 0) : i] + words[i + 1 : i + 3])
        decimal = "," in word or "." in word
        bare = decimal and after not in lex.units and after not in NOT_TEMPERATURE_UNITS
        if (bare or lex.temperature_word.search(near)) and _polarity(
            lex, doc, i, i, "fever"
        ) == "yes":
            return Finding("fever", True, doc.evidence(i, i), i, i)
    return None


FEVER_MIN, FEVER_MAX = 38.0, 42.5
PATH_WORDS = frozenset({"ned", "ud", "til", "og"})
FIRST_PERSON = frozenset({"jeg", "mig", "min", "mit", "mine", "vi", "os", "vores"})
NOT_TEMPERATURE_UNITS = {"kg", "kilo", "km", "cm", "procent", "pct", "mg", "ml", "liter", "gange"}


def round_weeks(weeks: float) -> float:
    """One decimal under ten weeks ("i går" -> 0.1), whole weeks above (what people mean)."""
    value = round(weeks, 1) if weeks < 10 else float(round(weeks))
    return int(value) if value == int(value) else value


def _span_finding(doc: Text, key: str, value: Any, span: list[int]) -> Finding:
    """A finding from one or more token spans, given as [first, last, first, last, ...]."""
    pairs = sorted(set(zip(span[::2], span[1::2])))
    evidence = " … ".join(dict.fromkeys(doc.evidence(first, last) for first, last in pairs))
    return Finding(key, value, evidence, pairs[0][0], pairs[-1][1])
