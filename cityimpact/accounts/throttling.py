"""Slows down password guessing. Two counters live in the cache:

- failed sign-ins from one address for one username (a guess at one account);
- failed sign-ins from one address for any username (trying one password on many accounts).

Either reaching its limit refuses further attempts from that address for a while."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

MAX_FAILURES = 5
# High enough that a shared office or library network is not locked out by its users' typos.
MAX_FAILURES_PER_ADDRESS = 50
WINDOW_SECONDS = 15 * 60


def _key(*, ip: str, username: str) -> str:
    digest = hashlib.sha256(f"{ip}|{username.casefold()}".encode()).hexdigest()
    return f"login-failures:{digest}"


def _address_key(*, ip: str) -> str:
    return f"login-failures-address:{hashlib.sha256(ip.encode()).hexdigest()}"


def _increment(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def login_failures_record(*, ip: str, username: str) -> int:
    """Count a failed attempt; returns the count for this address and username."""
    _increment(_address_key(ip=ip))
    return _increment(_key(ip=ip, username=username))


def login_is_blocked(*, ip: str, username: str) -> bool:
    return (
        int(cache.get(_key(ip=ip, username=username), 0)) >= MAX_FAILURES
        or int(cache.get(_address_key(ip=ip), 0)) >= MAX_FAILURES_PER_ADDRESS
    )


def login_failures_clear(*, ip: str, username: str) -> None:
    # Only this username's counter: a successful sign-in to one's own account must not reset
    # the address's count of attempts on other accounts.
    cache.delete(_key(ip=ip, username=username))
