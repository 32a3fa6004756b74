from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SdgConfig(AppConfig):
    name = "cityimpact.sdg"
    label = "sdg"
    verbose_name = _("Sustainable Development Goals")

    def ready(self) -> None:
        from cityimpact.core.extensions import initiative_panel_register
        from cityimpact.sdg.panels import initiative_sdg_panel

        initiative_panel_register(initiative_sdg_panel)
