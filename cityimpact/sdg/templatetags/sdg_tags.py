"""Showing SDG texts in the visitor's language, marking those only available in English."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def sdg_text(obj: Any, field: str) -> dict[str, Any]:
    """{"text", "fallback"}: the field in the current language, or the English text with
    fallback=True when there is no translation yet."""
    language = (get_language() or "en").split("-")[0]
    text = getattr(obj, f"{field}_{language}", None)
    if text:
        return {"text": text, "fallback": False}
    return {"text": getattr(obj, f"{field}_en", "") or "", "fallback": language != "en"}
