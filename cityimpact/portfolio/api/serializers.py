"""Input and output shapes of the portfolio API. Relations are referred to by slug."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cityimpact.core.languages import translated_fields
from cityimpact.core.models import City, Organisation
from cityimpact.portfolio.models import (
    Adoption,
    Initiative,
    Network,
    Outcome,
    Participation,
    Programme,
    Theme,
)
from cityimpact.portfolio.services.initiatives import ADOPTION_FIELDS, OUTCOME_FIELDS
from cityimpact.portfolio.services.reference import REFERENCE_FIELDS


class CitySerializer(serializers.ModelSerializer):
    class Meta:
        model = City
        fields = ["id", *REFERENCE_FIELDS["core.city"], "name"]
        read_only_fields = ["id", "name"]


class OrganisationSerializer(serializers.ModelSerializer):
    city = serializers.SlugRelatedField(
        slug_field="slug", queryset=City.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Organisation
        fields = ["id", *REFERENCE_FIELDS["core.organisation"], "name"]
        read_only_fields = ["id", "name"]


class ProgrammeSerializer(serializers.ModelSerializer):
    funder = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Programme
        fields = ["id", *REFERENCE_FIELDS["portfolio.programme"], "name"]
        read_only_fields = ["id", "name"]


class NetworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Network
        fields = ["id", *REFERENCE_FIELDS["portfolio.network"], "name", "description"]
        read_only_fields = ["id", "name", "description"]


class PartnerSerializer(serializers.Serializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    role = serializers.ChoiceField(choices=Participation.Role.choices, default="partner")


class PlaceNamesField(serializers.ListField):
    """Places as a list of names: read from the relation, written as plain strings."""

    child = serializers.CharField(max_length=120)

    def to_representation(self, data: Any) -> list[str]:
        return [place.name for place in data.all()]


class InitiativeSerializer(serializers.ModelSerializer):
    """An initiative. `title`, `summary` and `description` are in the request's language
    (Accept-Language); the _en, _fi and _sv fields hold each language and are what is written."""

    city = serializers.SlugRelatedField(slug_field="slug", queryset=City.objects.all())
    themes = serializers.SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, required=False
    )
    programme = serializers.SlugRelatedField(
        slug_field="slug", queryset=Programme.objects.all(), required=False, allow_null=True
    )
    lead = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    cities = serializers.SlugRelatedField(
        slug_field="slug", queryset=City.objects.all(), many=True, required=False
    )
    networks = serializers.SlugRelatedField(
        slug_field="slug", queryset=Network.objects.all(), many=True, required=False
    )
    places = PlaceNamesField(required=False)
    partners = PartnerSerializer(many=True, required=False, source="participations")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "url",
            "city",
            "slug",
            "title",
            "summary",
            "description",
            *translated_fields("title", "summary", "description"),
            "themes",
            "programme",
            "status",
            "start_year",
            "end_year",
            "lead",
            "partners",
            "cities",
            "networks",
            "places",
            "budget_eur",
            "updated_at",
        ]
        read_only_fields = ["id", "title", "summary", "description", "updated_at"]
        extra_kwargs = {
            "slug": {"required": False},
            "title_en": {"required": True, "allow_blank": False},
            "summary_en": {"required": True, "allow_blank": False},
        }
        validators: list[Any] = []  # slug uniqueness per city is the service's job

    def get_url(self, initiative: Initiative) -> str:
        return initiative.get_absolute_url()

    def service_data(self) -> dict[str, Any]:
        """validated_data in the shape initiative_create / initiative_update take."""
        data = dict(self.validated_data)
        data.pop("city", None)
        if "participations" in data:
            data["partners"] = [(p["organisation"], p["role"]) for p in data.pop("participations")]
        return data


class OutcomeSerializer(serializers.ModelSerializer):
    initiative = serializers.PrimaryKeyRelatedField(queryset=Initiative.objects.all())

    class Meta:
        model = Outcome
        fields = ["id", "initiative", "metric", "unit", "note", *OUTCOME_FIELDS]
        read_only_fields = ["id", "metric", "unit", "note"]
        extra_kwargs = {"metric_en": {"required": True, "allow_blank": False}}


class AdoptionSerializer(serializers.ModelSerializer):
    initiative = serializers.PrimaryKeyRelatedField(queryset=Initiative.objects.all())
    city = serializers.SlugRelatedField(
        slug_field="slug", queryset=City.objects.all(), required=False, allow_null=True
    )
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Adoption
        fields = ["id", "initiative", "region", "how", *ADOPTION_FIELDS]
        read_only_fields = ["id", "region", "how"]
        extra_kwargs = {"how_en": {"required": True, "allow_blank": False}}


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="1 is the first data row; 0 the file or header.")
    column = serializers.CharField()
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    slugs = serializers.ListField(child=serializers.CharField())
