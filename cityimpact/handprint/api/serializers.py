"""API shapes of the handprint app. The calculate endpoint takes a whole assessment as JSON."""

from __future__ import annotations

from rest_framework import serializers

from cityimpact.handprint.calculator.model import Shape, Stage
from cityimpact.handprint.models import EmissionFactor, HandprintAssessment


class EmissionFactorSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmissionFactor
        fields = [
            "key",
            "version",
            "category",
            "name",
            "unit",
            "kgco2e_per_unit",
            "year",
            "source",
            "notes",
            "shape",
            "low",
            "high",
            "sd",
            "gsd",
        ]


class UncertaintySerializer(serializers.Serializer):
    shape = serializers.ChoiceField(choices=[s.value for s in Shape], default=Shape.EXACT.value)
    low = serializers.FloatField(required=False, allow_null=True)
    high = serializers.FloatField(required=False, allow_null=True)
    sd = serializers.FloatField(required=False, allow_null=True, min_value=0)
    gsd = serializers.FloatField(required=False, allow_null=True, min_value=1)


class InputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=[s.value for s in Stage])
    factor = serializers.CharField(
        help_text="Key of a factor in the library, e.g. diesel_fossil_wtw."
    )
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="Default: the latest."
    )
    amount = serializers.FloatField(min_value=0)
    unit = serializers.CharField(max_length=20)
    label = serializers.CharField(required=False, allow_blank=True, max_length=200)  # type: ignore[assignment]  # the metaclass removes it from the class
    uncertainty = UncertaintySerializer(required=False)


class SystemSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    inputs = InputSerializer(many=True, allow_empty=False, max_length=200)  # type: ignore[call-arg]  # passed on to the ListSerializer


class FactorChangeSerializer(serializers.Serializer):
    factor = serializers.CharField(help_text="Key of a factor used in the inventory.")
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    kgco2e_per_unit = serializers.FloatField()


class ScalingSerializer(serializers.Serializer):
    units_per_year = serializers.FloatField(min_value=0)
    start_year = serializers.IntegerField(min_value=1990, max_value=2100)
    years = serializers.IntegerField(min_value=1, max_value=50, default=1)
    factor_changes = FactorChangeSerializer(
        many=True,
        required=False,
        help_text="A factor's value from a year on (a decarbonising grid, for example).",
    )


class MonteCarloSerializer(serializers.Serializer):
    draws = serializers.IntegerField(min_value=100, max_value=100_000, default=10_000)
    seed = serializers.IntegerField(default=1, min_value=0, max_value=2**63 - 1)


class CalculationSerializer(serializers.Serializer):
    functional_unit = serializers.CharField(max_length=200)
    baseline = SystemSerializer()
    solution = SystemSerializer()
    scaling = ScalingSerializer(required=False)
    storage_kgco2e_per_unit = serializers.FloatField(default=0, min_value=0)
    monte_carlo = MonteCarloSerializer(required=False)


class AssessmentSerializer(serializers.ModelSerializer):
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    initiatives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = HandprintAssessment
        fields = [
            "id",
            "city",
            "title",
            "functional_unit",
            "baseline_name",
            "solution_name",
            "boundary",
            "data_year",
            "mechanism",
            "kind",
            "status",
            "review_note",
            "units_per_year",
            "start_year",
            "years",
            "storage_kgco2e_per_unit",
            "initiatives",
        ]
