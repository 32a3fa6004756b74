import factory

from cityimpact.campaigns.models import Campaign, Proposal
from cityimpact.core.tests.factories import CityFactory, UserFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    city = factory.SubFactory(CityFactory)
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    title_en = "Digital Agenda pilots"
    description_en = "Propose digital pilots."
    phase = Campaign.Phase.COLLECTING
    supports_per_person = 2
    support_threshold = 2
    reports_to_hide = 2


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    campaign = factory.SubFactory(CampaignFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    description = "An idea."
    problem = "A problem."
    beneficiaries = "Residents"
