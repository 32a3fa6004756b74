"""Places where a higher app adds to a lower app's page without the lower app importing it.

The portfolio's initiative page shows, for example, the initiative's SDG links and carbon
handprints. The portfolio cannot import those apps (they build on it), so they register a
panel here in their AppConfig.ready(), and the page renders whatever is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

# A panel gets the request and the initiative and returns HTML (already escaped by its
# template) or "" when it has nothing to show.
InitiativePanel = Callable[[HttpRequest, Any], str]

_initiative_panels: list[InitiativePanel] = []


def initiative_panel_register(panel: InitiativePanel) -> None:
    if panel not in _initiative_panels:
        _initiative_panels.append(panel)


def initiative_panels_render(*, request: HttpRequest, initiative: Any) -> list[str]:
    return [html for panel in _initiative_panels if (html := panel(request, initiative))]


# Personal data (GDPR): each app that keeps a person's data registers how to export it and
# how to anonymise it before the account is deleted.
PersonalDataExporter = Callable[[Any], dict[str, Any]]
PersonalDataEraser = Callable[[Any], None]

_exporters: dict[str, PersonalDataExporter] = {}
_erasers: dict[str, PersonalDataEraser] = {}


def personal_data_register(
    *, name: str, exporter: PersonalDataExporter, eraser: PersonalDataEraser
) -> None:
    _exporters[name] = exporter
    _erasers[name] = eraser


def personal_data_export(*, user: Any) -> dict[str, Any]:
    return {name: exporter(user) for name, exporter in sorted(_exporters.items())}


def personal_data_erase(*, user: Any) -> None:
    for _name, eraser in sorted(_erasers.items()):
        eraser(user)
