from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandprintConfig(AppConfig):
    name = "cityimpact.handprint"
    label = "handprint"
    verbose_name = _("Carbon handprint")
