"""Template helpers shared by every page."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, str]]:
    """The current page in each language, as plain links (no form, no CSRF token), so that
    switching works without JavaScript and public pages stay cacheable."""
    request = context["request"]
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"].capitalize(),
            "url": translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
    ]


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """mapping[key] in a template, or None."""
    return mapping.get(key) if hasattr(mapping, "get") else None
