"""Rate limits for review submissions: a token bucket per key, kept in Redis when REDIS_URL is
set (shared by every worker) and otherwise in the database (RateBucket rows). With Redis
unreachable the database buckets are used and a warning is logged: a submission never fails
because Redis is down."""

import logging
import time
from functools import cache

from django.conf import settings
from django.db import transaction

from nerveguide.clinics.models import RateBucket
from nerveguide.clinics.tokenbucket import Limit, take

logger = logging.getLogger(__name__)

PER_IP = Limit(capacity=5, per_seconds=3600)  # five reviews an hour from one client address
PER_EMAIL = Limit(capacity=3, per_seconds=86400)  # three reviews a day from one e-mail address
# Twenty reviews a day for one clinic are checked as usual; more are not refused (a few
# addresses could otherwise silence a clinic) but held for a moderator's closer look.
PER_CLINIC = Limit(capacity=20, per_seconds=86400)


def pdf_limit() -> Limit:
    """Handout PDFs per client: settings.PDF_PER_CLIENT (30) at once, refilled over 10 minutes."""
    return Limit(capacity=settings.PDF_PER_CLIENT, per_seconds=600)


def client_key(ip: str) -> str:
    """A salted hash of a client address, so no rate-limit table or Redis key holds it."""
    import hashlib

    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def retry_after(limit: Limit) -> int:
    """Seconds until an empty bucket of `limit` holds one token again (for Retry-After)."""
    return max(1, int(limit.per_seconds / limit.capacity + 0.999))


# Same arithmetic as tokenbucket.take, atomic inside Redis.
_REDIS_SCRIPT = """
local data = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local capacity, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens = tonumber(data[1]) or capacity
local updated = tonumber(data[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - updated) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 60)
return allowed
"""


@cache
def _redis(url: str):
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    return client, client.register_script(_REDIS_SCRIPT)


def _allow_redis(key: str, limit: Limit, now: float) -> bool:
    _, script = _redis(settings.REDIS_URL)
    return bool(
        script(keys=[f"nerveguide:ratelimit:{key}"], args=[limit.capacity, limit.rate, now])
    )


def _allow_database(key: str, limit: Limit, now: float) -> bool:
    with transaction.atomic():
        bucket, _ = RateBucket.objects.select_for_update().get_or_create(
            key=key, defaults={"tokens": limit.capacity, "updated": now}
        )
        allowed, bucket.tokens = take(bucket.tokens, bucket.updated, now, limit)
        bucket.updated = now
        bucket.save(update_fields=["tokens", "updated"])
    return allowed


def allow(key: str, limit: Limit, now: float | None = None) -> bool:
    """Take one token from the bucket `key`; False when it is empty."""
    now = time.time() if now is None else now
    if settings.REDIS_URL:
        from redis.exceptions import RedisError

        try:
            return _allow_redis(key, limit, now)
        except RedisError as error:
            logger.warning("Redis unavailable, rate limit kept in the database: %s", error)
    return _allow_database(key, limit, now)
