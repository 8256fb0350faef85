"""How clinics are ranked. The page "Sådan sorterer vi" describes exactly these rules.

Sorting by rating uses a Bayesian average: every clinic starts with PRIOR_WEIGHT imaginary
reviews at PRIOR_MEAN stars, so one 5-star review does not beat fifty 4.6-star reviews; and a
clinic needs MIN_REVIEWS published reviews before it is ranked by rating at all.
"""

from dataclasses import dataclass

PRIOR_MEAN = 3.5
PRIOR_WEIGHT = 5
MIN_REVIEWS = 3
SORTS = ("distance", "rating", "reviews")


def bayesian_rating(
    rating_sum: int,
    review_count: int,
    prior_mean: float = PRIOR_MEAN,
    prior_weight: int = PRIOR_WEIGHT,
) -> float:
    """Mean stars pulled towards the prior, as a float on the 1-5 star scale:

        (rating_sum + prior_mean * prior_weight) / (review_count + prior_weight)

    rating_sum is the total stars over review_count reviews; with no reviews the result is
    prior_mean. Used only as a sort key (the rule is in the module docstring).
    """
    return (rating_sum + prior_mean * prior_weight) / (review_count + prior_weight)


def mean_rating(rating_sum: int, review_count: int) -> float | None:
    """Plain mean stars rounded to one decimal (e.g. 4.3), or None when there are no reviews."""
    return round(rating_sum / review_count, 1) if review_count else None


@dataclass(frozen=True)
class Candidate:
    """One clinic inside the search radius, with what sorting needs."""

    id: int
    distance_km: float
    rating_sum: int
    review_count: int


def sort_key(sort: str):
    """Key for sorted(); ties always fall back to distance and then id, so the order is stable."""
    if sort == "rating":

        def key(c: Candidate):
            ranked = c.review_count >= MIN_REVIEWS
            score = bayesian_rating(c.rating_sum, c.review_count) if ranked else 0.0
            return (not ranked, -round(score, 6), c.distance_km, c.id)

        return key
    if sort == "reviews":
        return lambda c: (-c.review_count, c.distance_km, c.id)
    return lambda c: (c.distance_km, c.id)


def rank(candidates: list[Candidate], sort: str) -> list[Candidate]:
    """The candidates sorted by `sort` ("distance", "rating" or "reviews"; anything else sorts by
    distance). Returns a new list; the rules are those of sort_key and the "Sådan sorterer vi"
    page.
    """
    return sorted(candidates, key=sort_key(sort if sort in SORTS else "distance"))
