from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandprintConfig(AppConfig):
    name = "cityimpact.handprint"
    label = "handprint"
    verbose_name = _("Carbon handprint")

    def ready(self) -> None:
        from cityimpact.core.extensions import initiative_panel_register
        from cityimpact.handprint.panels import initiative_handprint_panel

        initiative_panel_register(initiative_handprint_panel)
