"""Campaign texts kept in English, Finnish and Swedish (proposals stay in their author's words)."""

from modeltranslation.translator import TranslationOptions, register

from cityimpact.campaigns.models import Campaign


@register(Campaign)
class CampaignTranslationOptions(TranslationOptions):
    fields = ("title", "description", "rules")
