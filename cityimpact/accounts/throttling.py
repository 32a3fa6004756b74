"""Slows down password guessing: after too many failed sign-ins from one address for one
username, further attempts are refused for a while. Counters live in the cache."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _key(*, ip: str, username: str) -> str:
    digest = hashlib.sha256(f"{ip}|{username.casefold()}".encode()).hexdigest()
    return f"login-failures:{digest}"


def login_failures_record(*, ip: str, username: str) -> int:
    key = _key(ip=ip, username=username)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def login_is_blocked(*, ip: str, username: str) -> bool:
    return int(cache.get(_key(ip=ip, username=username), 0)) >= MAX_FAILURES


def login_failures_clear(*, ip: str, username: str) -> None:
    cache.delete(_key(ip=ip, username=username))
