from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SdgConfig(AppConfig):
    name = "cityimpact.sdg"
    label = "sdg"
    verbose_name = _("Sustainable Development Goals")

    def ready(self) -> None:
        from cityimpact.core.extensions import initiative_panel_register, personal_data_register
        from cityimpact.sdg.panels import initiative_sdg_panel
        from cityimpact.sdg.personal_data import sdg_personal_data, sdg_personal_data_erase
        from cityimpact.sdg.signals import suggestion_cleanup_connect

        initiative_panel_register(initiative_sdg_panel)
        personal_data_register(
            name="sdg", exporter=sdg_personal_data, eraser=sdg_personal_data_erase
        )
        suggestion_cleanup_connect()
