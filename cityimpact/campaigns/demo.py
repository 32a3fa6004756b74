"""Espoo's example campaigns (`cityimpact load_campaigns_demo`): a Digital Agenda pilot call
modelled on the seed (four open calls, 150+ proposals, 20 experiments over 2015–2021) and a
youth ideas campaign modelled on Future Mentors. Every proposal is marked as example data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from cityimpact.campaigns.models import (
    Campaign,
    Comment,
    Experiment,
    Kpi,
    Proposal,
    StatusUpdate,
    Support,
)
from cityimpact.core.models import City
from cityimpact.core.services import content_version_bump
from cityimpact.portfolio.selectors import initiative_get_by_slug

CAMPAIGNS: list[dict[str, Any]] = [
    {
        "slug": "digital-agenda-pilots",
        "title_en": "Digital Agenda: pilots for easier everyday services",
        "title_fi": "Digiagenda: kokeiluja arjen palveluihin",
        "title_sv": "Digitala agendan: försök för smidigare vardagstjänster",
        "description_en": "The Digital Agenda asks residents, companies and city staff for pilots that make services easier to use regardless of time, place and language. Selected ideas are tried out in city services.",
        "description_fi": "Digiagenda kysyy asukkailta, yrityksiltä ja kaupungin henkilöstöltä kokeiluja, jotka helpottavat palvelujen käyttöä ajasta, paikasta ja kielestä riippumatta. Valitut ideat kokeillaan kaupungin palveluissa.",
        "description_sv": "Digitala agendan ber invånare, företag och stadens personal om försök som gör tjänsterna lättare att använda oberoende av tid, plats och språk. Utvalda idéer prövas i stadens tjänster.",
        "services": "Libraries, early childhood education, customer service",
        "phase": Campaign.Phase.COLLECTING,
        "supports_per_person": 10,
        "support_threshold": 3,
        "proposals": [
            (
                "Chatbot for library questions in many languages",
                "Answer common questions in Finnish, Swedish, English and other languages at any time.",
                4,
            ),
            (
                "Augmented reality for history lessons",
                "Let pupils see their neighbourhood as it was a hundred years ago.",
                2,
            ),
            (
                "Digital home visits in early childhood education",
                "Educators and parents meet online when a visit is hard to arrange.",
                3,
            ),
        ],
    },
    {
        "slug": "youth-ideas",
        "title_en": "Youth ideas for the city of the future",
        "title_fi": "Nuorten ideat tulevaisuuden kaupunkiin",
        "title_sv": "Ungas idéer för framtidens stad",
        "description_en": "Young people propose what their city should try next, in the spirit of the Future Mentors programme.",
        "description_fi": "Nuoret ehdottavat, mitä kaupungin pitäisi kokeilla seuraavaksi, Future Mentors -ohjelman hengessä.",
        "description_sv": "Unga föreslår vad staden borde pröva härnäst, i samma anda som programmet Future Mentors.",
        "services": "Youth services",
        "phase": Campaign.Phase.COLLECTING,
        "supports_per_person": 5,
        "support_threshold": 2,
        "proposals": [
            (
                "Quiet study spaces open late",
                "Libraries and schools open a few rooms for studying in the evening.",
                2,
            ),
            (
                "Youth seat in climate decisions",
                "Young people join the working group that plans the city's climate actions.",
                1,
            ),
        ],
    },
]


@transaction.atomic
def campaigns_demo_load(*, city: City) -> Counter[str]:
    """Add the examples to a city without campaigns (never re-adds what staff removed)."""
    created: Counter[str] = Counter()
    if Campaign.objects.filter(city=city).exists():
        return created
    users = []
    for n in range(1, 5):
        user, new = get_user_model().objects.get_or_create(username=f"demo-resident-{n}")
        if new:
            user.set_unusable_password()  # demo people cannot sign in
            user.save()
        users.append(user)
    for spec in CAMPAIGNS:
        fields = {k: v for k, v in spec.items() if k != "proposals"}
        campaign = Campaign.objects.create(city=city, is_example=True, **fields)
        created["campaign"] += 1
        for index, (title, description, supports) in enumerate(spec["proposals"]):
            proposal = Proposal.objects.create(
                campaign=campaign,
                author=users[index % len(users)],
                title=title,
                description=description,
                problem=description,
                beneficiaries="Residents",
                is_example=True,
                support_count=supports,
            )
            Support.objects.bulk_create(
                Support(proposal=proposal, user=u) for u in users[:supports]
            )
            Comment.objects.create(
                proposal=proposal, author=users[(index + 1) % len(users)], text="Good idea!"
            )
            created["proposal"] += 1
        if spec["slug"] == "digital-agenda-pilots":
            _example_experiment(campaign)
            created["experiment"] += 1
    content_version_bump()
    return created


def _initiative_or_none(city: City, slug: str) -> Any:
    try:
        return initiative_get_by_slug(city=city, slug=slug)
    except ObjectDoesNotExist:
        return None


def _example_experiment(campaign: Campaign) -> None:
    """The digital home visits idea as a finished example experiment (example data)."""
    proposal = campaign.proposals.get(title__startswith="Digital home visits")
    proposal.state = Proposal.State.SELECTED
    proposal.answer = "Selected: early childhood education tries digital home visits in ten units."
    proposal.answer_published = True
    proposal.save(update_fields=["state", "answer", "answer_published"])
    experiment = Experiment.objects.create(
        proposal=proposal,
        responsible_unit="Early childhood education",
        budget_eur=20_000,
        starts=dt.date(2021, 2, 1),
        ends=dt.date(2021, 6, 30),
        status=Experiment.Status.FINISHED,
        learned=(
            "Parents took part more often when a meeting did not need a visit; educators needed "
            "a short training first. Example data."
        ),
        scales=True,
        results_published=True,
        initiative=_initiative_or_none(campaign.city, "ecec-digital-distance-mentors"),
    )
    Kpi.objects.create(
        experiment=experiment, name="Units taking part", unit="units", target=10, achieved=12
    )
    StatusUpdate.objects.create(
        experiment=experiment, text="All units trained; first meetings held.", progress=60
    )
