"""The articles' care cards agree with the self-check, and shared numbers agree across the site.

Issue 12: every `::: akut` card names every akut rule of selfcheck/rules.yaml (in the phrases of
akut_signs.yaml), no lower card holds an akut sign, and `nerveguide check` warns when a repeated
number (weeks, percentages) differs from the site's value in number_facts.yaml.
"""

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from nerveguide.content.consistency import (
    AKUT_SIGNS,
    akut_card_gaps,
    akut_rule_ids,
    akut_signs_below_akut,
    load_akut_signs,
    number_fact_findings,
    statements,
)
from nerveguide.content.documents import read_directory
from nerveguide.content.markdown import parser

REPO_ROOT = Path(__file__).resolve().parents[4]
CONTENT = REPO_ROOT / "content"
ARTICLES = sorted(p.name for p in CONTENT.glob("*.md"))


def read(tmp_path: Path, text: str, name: str = "a.md"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    known = frozenset(p.stem for p in CONTENT.glob("*.md"))  # a copied article links to the others
    documents, findings = read_directory(tmp_path, known_slugs=known, find_near_duplicates=False)
    return next(d for d in documents if d.source == name), findings


def front(region: str = "laend") -> str:
    return (
        f"---\ntitle: Test\ndescription: Test.\nregion: {region}\nreviewedBy: Testperson\n---\n\n"
    )


@pytest.fixture(scope="module")
def site():
    documents, findings = read_directory(CONTENT)
    return {d.source: d for d in documents}, findings


# --- akut cards ---------------------------------------------------------------------------


def test_every_akut_rule_of_the_self_check_has_sign_phrases():
    assert akut_rule_ids(), "rules.yaml has no akut rules?"
    assert set(akut_rule_ids()) == set(load_akut_signs().rules), (
        "akut_signs.yaml must list exactly the akut rules of selfcheck/rules.yaml"
    )


@pytest.mark.parametrize("name", ARTICLES)
def test_each_article_has_an_akut_card_naming_every_akut_sign(site, name):
    documents, _ = site
    document = documents[name]
    assert any(line.card == "akut" for line in statements(document)), f"{name} has no ::: akut card"
    assert akut_card_gaps(document) == [], f"{name}: akut card leaves out signs"


@pytest.mark.parametrize("name", ARTICLES)
def test_no_article_puts_an_akut_sign_in_a_lower_card(site, name):
    documents, _ = site
    found = [
        (line.line, line.card, rule, line.text)
        for line, rule in akut_signs_below_akut(documents[name])
    ]
    assert found == []


def test_removing_a_sign_from_a_card_is_caught(tmp_path):
    text = (CONTENT / "iskias.md").read_text(encoding="utf-8")
    line = "- Iskias i begge ben på samme tid.\n"
    assert line in text
    document, _ = read(tmp_path, text.replace(line, ""), "iskias.md")
    assert [rule for _, rule in akut_card_gaps(document)] == ["both_legs"]


def test_complete_loss_of_feeling_alone_does_not_cover_the_saddle_sign(tmp_path):
    card = (
        "::: akut\nFå hjælp nu, hvis du\n- ikke kan mærke skridtet.\n- lækker urin eller ikke kan mærke, "
        "når blæren er fuld.\n:::\n"
    )
    document, _ = read(tmp_path, front() + card)
    missing = {rule for _, rule in akut_card_gaps(document)}
    assert "saddle_anaesthesia" in missing  # reduced or changed feeling is the akut sign (issue 12)
    assert not {"leaking_urine", "full_bladder_not_felt"} & missing


def test_akut_signs_in_lower_cards_and_physio_advice_are_found(tmp_path):
    body = (
        "::: fysioterapeut\nKontakt en fysioterapeut, hvis\n- du har prikken eller svaghed i benene.\n:::\n\n"
        "::: laege\nBestil tid hos lægen, hvis\n- du har nedsat følelse i skridtet.\n:::\n\n"
        "::: laege-i-dag\nKontakt lægen i dag, hvis\n- du er i tvivl, om du har feber.\n"
        "- du har ondt efter et mindre fald og har knogleskørhed.\n:::\n\n"
        "Gå til en fysioterapeut. Det gælder også ved smerter i begge ben.\n\n"
        "Har du feber? Så skal du ikke til fysioterapeut. Søg akut hjælp.\n"
    )
    document, _ = read(tmp_path, front() + body)
    found = sorted((str(line.card), rule) for line, rule in akut_signs_below_akut(document))
    assert found == [
        ("None", "both_legs"),
        ("fysioterapeut", "both_legs"),
        ("laege", "saddle_anaesthesia"),
    ]


RAW_SIGNS = yaml.safe_load(AKUT_SIGNS.read_text(encoding="utf-8"))["rules"]


@st.composite
def akut_sign_lines(draw):
    """A line naming every concept of one akut rule, each with any of its phrases."""
    rule = draw(st.sampled_from(sorted(RAW_SIGNS)))
    phrases = [draw(st.sampled_from(options)) for options in RAW_SIGNS[rule]["concepts"].values()]
    return rule, "du har " + " og ".join(phrases) + "."


@settings(max_examples=60, deadline=None)
@given(akut_sign_lines(), st.sampled_from(["laege-i-dag", "laege", "fysioterapeut"]))
def test_any_akut_sign_in_any_lower_card_is_flagged(tmp_path_factory, sign, card):
    rule, line = sign
    document, _ = read(
        tmp_path_factory.mktemp("card"), front() + f"::: {card}\nKontakt, hvis\n- {line}\n:::\n"
    )
    assert rule in {found for _, found in akut_signs_below_akut(document)}


# --- shared numbers -----------------------------------------------------------------------


def test_the_site_has_no_diverging_or_misplaced_numbers(site):
    _, findings = site
    assert [f for f in findings if f.code.startswith("fact-")] == []


def test_a_diverging_doctor_week_count_is_a_warning(tmp_path):
    body = "::: laege\nBestil tid hos din læge, hvis\n- det ikke er blevet klart bedre efter 8–12 uger.\n:::\n"
    _, findings = read(tmp_path, front() + body)
    differs = [f for f in findings if f.code == "fact-number-differs"]
    assert [(f.line, f.severity) for f in differs] == [(10, "warning")]
    assert "8–12 uger" in differs[0].message and "8 eller 12" in differs[0].message


def test_the_80_percent_figure_is_not_for_the_neck(tmp_path):
    body = "Over 80 % har det markant bedre inden for 8-12 uger.\n"
    _, findings = read(tmp_path, front("nakke") + body)
    assert [f.code for f in findings if f.code.startswith("fact-")] == ["fact-out-of-place"]
    documents, _ = read_directory(tmp_path)
    assert number_fact_findings(documents) != []
    (tmp_path / "a.md").write_text(front("laend") + body, encoding="utf-8")
    _, findings = read_directory(tmp_path)
    assert [f for f in findings if f.code.startswith("fact-")] == []  # "8-12" counts as "8–12"


def test_radiating_pain_after_twelve_weeks_is_flagged(tmp_path):
    body = "Har du ondt ud i armen, og er det ikke klart bedre efter 12 uger, så ring til lægen.\n"
    _, findings = read(tmp_path, front("nakke") + body)
    assert [f.code for f in findings if f.code.startswith("fact-")] == ["fact-number-differs"]


@pytest.mark.parametrize("region", ["laend", "nakke"])
def test_the_handout_warning_card_names_every_akut_sign(region):
    """The printed handout's "Ring straks" list (education/data/guide.yaml) is an akut card too."""
    from nerveguide.education.library import load_guide

    signs = load_guide().warning_signs[region]
    items = "".join(f"- {sign}\n" for sign in signs)
    document = SimpleNamespace(
        tokens=parser().parse(f"::: akut\nRing straks, hvis\n{items}:::\n"), line_offset=1
    )
    assert akut_card_gaps(document) == []
    assert akut_signs_below_akut(document) == []
