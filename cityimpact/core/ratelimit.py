"""A small fixed-window rate limit on the cache, for posting, commenting and supporting."""

from __future__ import annotations

import time

from django.core.cache import cache


def rate_limit_exceeded(*, action: str, who: str, limit: int, window_seconds: int) -> bool:
    """Count one more `action` by `who`; True when that goes over `limit` in the window."""
    window = int(time.time() // window_seconds)
    key = f"rate:{action}:{who}:{window}"
    cache.add(key, 0, window_seconds + 1)
    try:
        count = int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds + 1)
        count = 1
    return count > limit
