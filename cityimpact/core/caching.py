"""A cache of public pages for anonymous visitors.

The portfolio is read far more often than it changes. A page rendered for an anonymous
visitor holds nothing personal (no CSRF token, no name), so the same bytes can be served to
the next one until content changes. The cache key carries the content version (one indexed
read per request), so a write anywhere makes every process's copies stale at once, even with
a per-process memory cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from cityimpact.core.selectors import content_version_get

View = Callable[..., HttpResponse]


def _cache_key(request: Any, version: int, variant: str) -> str:
    # The host and scheme are part of the page (absolute links in API pagination).
    origin = f"{request.scheme}://{request.get_host()}"
    raw = f"{version}|{get_language()}|{variant}|{origin}{request.get_full_path()}"
    return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()


def cacheable(request: Any) -> bool:
    """Only anonymous reads are shared; anything personal is rendered afresh."""
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
    )


def cached_response_key(request: Any, *, variant: str = "") -> str | None:
    """The cache key of this request's public response, or None when it must not be shared.

    `variant` tells apart responses of the same URL that differ by a header (HTMX partials,
    the API's JSON and browsable renderings)."""
    if not cacheable(request):
        return None
    return _cache_key(request, content_version_get(), variant)


def cached_response_get(key: str | None) -> HttpResponse | None:
    hit = cache.get(key) if key else None
    if hit is None:
        return None
    content, content_type = hit
    return HttpResponse(content, content_type=content_type)


def _personal(request: Any) -> bool:
    """The rendering used a CSRF token or showed flash messages: someone's own."""
    request = getattr(request, "_request", request)
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or bool(
        getattr(getattr(request, "_messages", None), "used", False)
    )


def cached_response_set(key: str | None, response: HttpResponse, request: Any = None) -> None:
    if (
        key
        and not (request is not None and _personal(request))
        and response.status_code == 200
        and not response.streaming
        and not response.cookies  # a response that sets a cookie is someone's own
    ):
        cache.set(
            key, (response.content, response["Content-Type"]), settings.PUBLIC_PAGE_CACHE_SECONDS
        )


def public_page_cache(view: View) -> View:
    """Serve an anonymous visitor's GET from the cache when content has not changed since."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        variant = "htmx" if request.headers.get("HX-Request") else "page"
        key = cached_response_key(request, variant=variant)
        hit = cached_response_get(key)
        if hit is not None:
            return hit
        response = view(request, *args, **kwargs)
        cached_response_set(key, response, request)
        return response

    return wrapped


def cached_for_content(*, name: str, parts: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """A value that depends only on public content (and `parts`, e.g. filters and language):
    computed once per content version, shared by every visitor, signed in or not."""
    if settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:
        return compute()
    raw = f"{content_version_get()}|{get_language()}|{name}|{parts!r}"
    key = "content-value:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return value
