"""LIX readability (Björnsson): words/sentences + 100 * long words/words. No Django imports.

Measured on prose only: the caller passes paragraph and list text, not headings (headings are
short questions without a full stop and would make sentences look shorter than they are).
A sentence ends at . ! ? : ; or at the end of a block (a paragraph or list item without a full
stop is still one sentence). A long word has more than six letters; numbers are words.
"""

import re

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
SENTENCE_END = re.compile(r"[.!?:;]+[\"”»’)\]]*(?=\s|$)")
ENDS_WITH_SENTENCE_END = re.compile(r"[.!?:;]+[\"”»’)\]]*$")
LONG_WORD = 6
PATIENT_LIMIT = 40


def _letters(word: str) -> int:
    return len(word) if word.isalpha() else sum(c.isalpha() for c in word)


def counts(text: str) -> tuple[int, int, int]:
    """(words, sentences, long words) of prose; blocks separated by newlines."""
    words = sentences = long_words = 0
    for block in text.split("\n"):
        block_words = WORD.findall(block)
        if not block_words:
            continue
        words += len(block_words)
        long_words += sum(1 for w in block_words if len(w) > LONG_WORD and _letters(w) > LONG_WORD)
        stripped = block.rstrip()
        ends = len(SENTENCE_END.findall(stripped))
        # A block that does not end in punctuation still ends a sentence.
        sentences += ends if ENDS_WITH_SENTENCE_END.search(stripped) else ends + 1
    return words, sentences, long_words


def lix(text: str) -> float | None:
    """LIX of the text, or None when there are no words."""
    words, sentences, long_words = counts(text)
    if not words:
        return None
    return words / max(sentences, 1) + 100 * long_words / words
