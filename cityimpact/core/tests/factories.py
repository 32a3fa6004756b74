import factory

from cityimpact.accounts.models import User
from cityimpact.core.models import City, Organisation


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"city-{n}")
    name_en = factory.Sequence(lambda n: f"City {n}")
    name_fi = factory.LazyAttribute(lambda c: f"{c.name_en} (fi)")
    name_sv = factory.LazyAttribute(lambda c: f"{c.name_en} (sv)")
    country = "FI"
    is_tenant = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.COMPANY
    country = "FI"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")
