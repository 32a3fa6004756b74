from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "cityimpact.campaigns"
    label = "campaigns"
    verbose_name = _("Open campaigns")

    def ready(self) -> None:
        from cityimpact.campaigns.panels import initiative_experiments_panel
        from cityimpact.campaigns.personal_data import (
            campaigns_personal_data,
            campaigns_personal_data_erase,
        )
        from cityimpact.core.extensions import initiative_panel_register, personal_data_register

        initiative_panel_register(initiative_experiments_panel)
        personal_data_register(
            name="campaigns", exporter=campaigns_personal_data, eraser=campaigns_personal_data_erase
        )
