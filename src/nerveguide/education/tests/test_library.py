import pytest

from nerveguide.content.lix import lix
from nerveguide.education.library import DOSAGE_KEYS, REGIONS, Dosage, load_exercises, load_guide

SEVEN_TOPICS = [
    "Viden om tilstanden",
    "Prognose",
    "Egenhåndtering",
    "Smertemekanismer",
    "Behandlingsmuligheder",
    "Humør, oplevelser og følelser",
    "Jobsituation",
]


def test_guide_has_the_seven_topics_in_order():
    assert [t.title for t in load_guide().topics] == SEVEN_TOPICS


def test_every_topic_has_patient_text_and_a_short_version():
    for topic in load_guide().topics:
        assert topic.say, topic.slug
        assert topic.look_for, f"{topic.slug}: nothing for the physiotherapist to look for"
        assert any(p.pixi and p.for_patient for p in topic.paragraphs), topic.slug


def test_pain_mechanisms_background_is_clinician_only():
    pain = next(t for t in load_guide().topics if t.slug == "smerter")
    background = " ".join(p.text + " ".join(p.items) for p in pain.background)
    for word in ("nociceptiv", "neuropatisk", "nociplastisk", "sensibilisering", "katastrofe"):
        assert word in background.lower()
    assert all(p.clinician_only for p in pain.background)


def test_pixi_version_is_a_subset_of_the_full_guide():
    guide = load_guide()
    pixi = guide.version("pixi")
    for full_topic, short_topic in zip(guide.topics, pixi.topics, strict=True):
        assert set(short_topic.paragraphs) < set(full_topic.paragraphs)
        assert all(p.pixi for p in short_topic.paragraphs)


def test_patient_text_is_plain_danish():
    text = " ".join(
        p.text + " " + ". ".join(p.items)
        for t in load_guide().topics
        for p in t.paragraphs
        if p.for_patient
    )
    assert lix(text) <= 40


def test_long_lasting_pain_adds_sensitisation_only_for_patients_with_it():
    pain = next(t for t in load_guide().topics if t.slug == "smerter")
    acute = pain.select(version="fuld", region="laend", duration="akut", patient_only=True)
    chronic = pain.select(version="fuld", region="laend", duration="langvarig", patient_only=True)
    assert "sensibilisering" not in " ".join(p.text for p in acute.paragraphs)
    assert "sensibilisering" in " ".join(p.text for p in chronic.paragraphs)


REQUIRED = {
    "gaaplan",
    "baekkenkip",
    "knae-til-bryst",
    "iskiasnerve-glider",
    "medianus-glider",
    "hagetraek",
    "dybe-nakkemuskler",
}


def test_library_has_the_required_exercises_and_both_regions():
    exercises = load_exercises()
    assert REQUIRED <= set(exercises)
    for region in REGIONS:
        assert len([e for e in exercises.values() if region in e.regions]) >= 5
    purposes = " ".join(e.purpose for e in exercises.values()).lower()
    assert "core" in purposes  # a core exercise


@pytest.mark.parametrize("exercise", list(load_exercises().values()), ids=lambda e: e.slug)
def test_exercise_is_complete(exercise):
    assert exercise.name and exercise.purpose and exercise.alt and exercise.sources
    assert set(exercise.regions) <= set(REGIONS)
    assert 2 <= len(exercise.steps) <= 5
    assert exercise.dosage.as_text() and exercise.dosage.times
    assert any("stop" in c.lower() and "følelsesløshed" in c for c in exercise.cautions)
    svg = exercise.image_path.read_text(encoding="utf-8")
    assert 'role="img"' in svg and "<title>" in svg and "aria-label=" in svg
    assert "style=" not in svg and "<script" not in svg


def test_dosage_text_in_danish():
    assert (
        Dosage(sets=2, reps=10, times=2, per="dag").as_text()
        == "2 sæt × 10 gentagelser, 2 gange om dagen"
    )
    assert (
        Dosage(reps=1, seconds=1, times=1, per="uge").as_text()
        == "1 gentagelse, hold 1 sekund, 1 gang om ugen"
    )
    assert Dosage(minutes=10, times=1).as_text() == "10 minutter, 1 gang om dagen"
    assert set(Dosage(sets=1, reps=2).editable_keys()) <= set(DOSAGE_KEYS)
