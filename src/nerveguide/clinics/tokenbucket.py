"""Token-bucket arithmetic for rate limits, shared by the database and Redis stores.

A bucket holds up to `capacity` tokens and gains `rate` tokens per second; each request takes one.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """A rate limit: at most `capacity` requests at once, refilled evenly over `per_seconds`
    seconds.
    """

    capacity: float
    per_seconds: float  # the time to refill a full bucket

    @property
    def rate(self) -> float:
        """Tokens gained per second."""
        return self.capacity / self.per_seconds


def take(tokens: float, updated: float, now: float, limit: Limit) -> tuple[bool, float]:
    """Return (allowed, tokens left) for a bucket that had `tokens` at time `updated`."""
    elapsed = max(0.0, now - updated)
    tokens = min(limit.capacity, tokens + elapsed * limit.rate)
    if tokens >= 1.0:
        return True, tokens - 1.0
    return False, tokens
