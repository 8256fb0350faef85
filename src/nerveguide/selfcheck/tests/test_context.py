"""The ConText assertion layer (nerveguide.danish.context) on its own: triggers, scopes,
pseudo-triggers, terminators, lists and asides; and the data files it reads."""

import pytest
import yaml

from nerveguide.danish import concepts, context
from nerveguide.danish.folding import loose_fold as fold


def assertion(text: str, concept: str) -> context.Assertion:
    tokens = [
        fold(t) for t in text.replace(",", " ,").replace(".", " .").replace("–", " – ").split()
    ]
    index = tokens.index(fold(concept))
    return context.default(fold).document(tokens).assertion(index, index, far=30)


@pytest.mark.parametrize(
    ("text", "concept", "flag"),
    [
        ("Jeg har ingen feber", "feber", "negated"),
        ("Hverken feber , vægttab eller uheld", "uheld", "negated"),  # a coordinated list
        ("Feber har jeg ikke", "feber", "negated"),  # post-negation
        ("Jeg ved ikke , om jeg har feber", "feber", "uncertain"),
        ("Jeg vil ikke udelukke , at jeg har feber", "feber", "uncertain"),
        ("Min far havde kræft", "kræft", "other_person"),
        ("Kan man få feber af iskias", "feber", "hypothetical"),
        ("Jeg havde feber for et år siden", "feber", "historical"),
        ("Jeg havde feber i 2019", "feber", "historical"),
    ],
)
def test_triggers_set_their_category(text, concept, flag):
    assert getattr(assertion(text, concept), flag) is True


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Ingen feber , prikken i foden", "prikken"),  # a comma ends an uncoordinated denial
        ("Ingen feber , men jeg har prikken", "prikken"),  # a terminator
        ("Det er ikke kun i hånden , men også i foden", "foden"),  # a pseudo-negation
        ("Jeg kan ikke gå uden at benet svigter", "benet"),  # "ikke ... uden at" affirms
        ("Min far har feber . Jeg har prikken", "prikken"),  # other persons stay in their sentence
    ],
)
def test_scopes_end_where_they_should(text, concept):
    assert assertion(text, concept).affirmed


def test_an_aside_between_dashes_does_not_count_as_distance():
    text = "Jeg har ikke – så vidt jeg selv kan se efter to gange – nogen problemer med blæren"
    found = assertion(text, "blæren")
    assert found.negated and found.negation_distance <= 5


def test_a_far_denial_is_reported_with_its_distance():
    text = "Jeg har ikke haft det sådan at jeg en eller anden dag har mærket noget med feber"
    found = assertion(text, "feber")
    assert found.negated and found.negation_distance > 8


def test_every_trigger_group_and_form_kind_names_a_source():
    data = yaml.safe_load(context.CONTEXT_FILE.read_text(encoding="utf-8"))
    assert all(group.get("source") for group in data["groups"])
    assert all(isinstance(p, str) for group in data["groups"] for p in group["phrases"])
    shared = yaml.safe_load(concepts.CONCEPTS_FILE.read_text(encoding="utf-8"))
    assert all(kind.get("source") for kind in shared["forms"].values())
    assert shared["sources"]


def test_a_context_file_with_an_unknown_category_is_refused(tmp_path):
    broken = tmp_path / "context.yaml"
    broken.write_text(
        "groups: [{category: MAYBE, direction: FORWARD, phrases: [x]}]", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="unknown category"):
        context.load(broken)


def test_standard_forms_replace_the_longest_phrase():
    words = ["jeg", "har", "pins", "and", "needles", "og", "a", "ka", "ett"]
    assert concepts.standard_forms(words) == [
        (2, 4, ("prikken",)),
        (6, 6, ("jeg",)),
        (7, 7, ("kan",)),
        (8, 8, ("ikke",)),
    ]
