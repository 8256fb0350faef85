"""Near-duplicate detection gives exactly the pairs a brute-force comparison gives."""

from dataclasses import dataclass
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from nerveguide.content import similarity


@dataclass
class Passage:
    heading: str
    text: str


@dataclass
class Doc:
    title: str
    passages: list[Passage]


def brute_force(docs, threshold):
    sets = [set(similarity.shingles(d.title, similarity._document_text(d)).tolist()) for d in docs]
    counts: dict[int, int] = {}
    for s in sets:
        for shingle in s:
            counts[shingle] = counts.get(shingle, 0) + 1
    limit = max(5, int(similarity.COMMON_SHINGLE_SHARE * len(docs)))
    found = []
    for a, b in combinations(range(len(docs)), 2):
        common = sum(1 for x in sets[a] & sets[b] if counts[x] <= limit)
        union = len(sets[a]) + len(sets[b]) - common
        if union and common / union >= threshold:
            found.append((a, b, common / union))
    return found


WORDS = st.sampled_from(
    ["ryg", "nakke", "smerter", "nerve", "rod", "iskias", "ben", "arm", "træning", "hvile", "læge"]
)
DOCS = st.lists(
    st.builds(
        Doc,
        title=st.sampled_from(["Rodtryk i nakken", "Rodtryk i ryggen", "Iskias"]),
        passages=st.lists(
            st.builds(
                Passage, heading=st.just(""), text=st.lists(WORDS, max_size=40).map(" ".join)
            ),
            max_size=3,
        ),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(DOCS)
def test_same_pairs_and_scores_as_brute_force(docs):
    position = {id(d): i for i, d in enumerate(docs)}
    got = [(position[id(a)], position[id(b)], s) for a, b, s in similarity.near_duplicates(docs)]
    want = brute_force(docs, similarity.THRESHOLD)
    assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in want]
    assert all(abs(s1 - s2) < 1e-9 for (*_, s1), (*_, s2) in zip(got, want, strict=True))


def test_a_copied_article_with_a_new_subject_is_found():
    body = "Hvile hjælper sjældent. Bliv i gang, gå ture og lav øvelser hver dag. " * 5
    docs = [
        Doc("Rodtryk i nakken", [Passage("", body.replace("øvelser", "nakkeøvelser"))]),
        Doc("Rodtryk i ryggen", [Passage("", body)]),
        Doc(
            "Noget helt andet",
            [Passage("", "Klinikken har åbent alle hverdage fra otte til fire.")],
        ),
    ]
    pairs = [(a.title, b.title) for a, b, _ in similarity.near_duplicates(docs)]
    assert pairs == [("Rodtryk i nakken", "Rodtryk i ryggen")]
