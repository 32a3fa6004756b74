"""Fields whose content is kept in English, Finnish and Swedish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from cityimpact.core.models import City, Organisation


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name",)
