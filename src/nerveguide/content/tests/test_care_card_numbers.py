"""Issue 14: a care card's call instructions have one source, the renderer; `check` warns when the
article text repeats them."""

import datetime as dt
from pathlib import Path

import pytest

from nerveguide.content.documents import read_document
from nerveguide.content.markdown import render_article

TODAY = dt.date(2026, 11, 22)
HEAD = "---\ntitle: T\ndescription: d\n---\n"  # body from line 5


def findings_for(root: Path, body: str):
    (root / "a.md").write_text(HEAD + body, encoding="utf-8")
    _, findings = read_document(root / "a.md", root, today=TODAY)
    return [(f.line, f.code) for f in findings if f.code == "card-repeats-numbers"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ring til din egen læge nu. Uden for åbningstid ringer du til lægevagten.",
        "Ring 112, hvis det er livstruende.",
        "Er der fare for livet, så ring 112.",
        "I Region Hovedstaden ringer du 1813.",
        "Ring 70 11 31 31.",
    ],
)
@pytest.mark.parametrize("level", ["akut", "laege-i-dag", "laege"])
def test_repeated_call_instructions_in_a_card_with_numbers_are_a_warning(tmp_path, level, sentence):
    body = f"Intro.\n\n::: {level}\nSøg hjælp ved\n- tegn\n\n{sentence}\n:::\n"
    assert findings_for(tmp_path, body) == [(11, "card-repeats-numbers")]  # the sentence's line


@pytest.mark.parametrize(
    "body",
    [
        # A specific 112 instruction is advice, not a repeat.
        "::: akut\nSøg hjælp ved\n- tegn\n\nRing 112 efter en alvorlig ulykke, og lig stille.\n:::\n",
        # The physiotherapist card shows no numbers; outside a card the text may say anything.
        "::: fysioterapeut\nKontakt en fysioterapeut\n\nRing til lægevagten, hvis det bliver værre.\n:::\n",
        "Ring til lægevagten på 1813, hvis det er livstruende: ring 112.\n",
        # The card's own heading line is not checked.
        "::: akut\nRing til lægevagten ved disse tegn\n- tegn\n:::\n",
    ],
)
def test_no_warning_without_a_repeat(tmp_path, body):
    assert findings_for(tmp_path, body) == []


def test_each_card_level_says_how_soon_and_shows_the_numbers_once():
    for level, call in (
        ("akut", "Ring til din egen læge nu."),
        ("laege-i-dag", "Ring til din egen læge i dag."),
        ("laege", "Ring til din egen læge, og få en tid inden for få dage."),
    ):
        html = render_article(f"::: {level}\nOverskrift\n- tegn\n:::\n").html
        assert call in html
        assert html.count('href="tel:1813"') == 1
        assert html.count('href="tel:112"') == 1


def test_shipped_articles_do_not_repeat_the_numbers(content_dir):
    for path in sorted(content_dir.glob("*.md")):
        _, findings = read_document(path, content_dir, today=TODAY)
        assert not [f for f in findings if f.code == "card-repeats-numbers"], path.name
