"""Read-only shapes of the SDG framework in the API, with texts in all three languages."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cityimpact.sdg.models import (
    Contribution,
    Goal,
    Indicator,
    IndicatorValue,
    LocalGoal,
    LocalIndicator,
    Review,
    SdgLink,
    Target,
)
from cityimpact.sdg.selectors import local_indicator_judgement


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = [
            "number",
            "title",
            "title_en",
            "title_fi",
            "title_sv",
            "short_title",
            "short_title_en",
            "short_title_fi",
            "short_title_sv",
            "colour",
        ]


class TargetSerializer(serializers.ModelSerializer):
    goal = serializers.IntegerField(source="goal.number", read_only=True)

    class Meta:
        model = Target
        fields = ["code", "goal", "title", "title_en", "title_fi", "title_sv"]


class IndicatorSerializer(serializers.ModelSerializer):
    target = serializers.CharField(source="target.code", read_only=True)
    goal = serializers.IntegerField(source="target.goal.number", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "target",
            "goal",
            "title",
            "title_en",
            "title_fi",
            "title_sv",
            "unsd_code",
            "also_listed_as",
        ]


class SdgLinkSerializer(serializers.ModelSerializer):
    """A link to the global framework. On creation name exactly one source (local_goal,
    local_indicator or initiative, by id) and a target code and/or a global indicator code."""

    target = serializers.CharField(source="target.code", required=False, allow_blank=True)
    indicator = serializers.CharField(
        source="indicator.code", required=False, allow_blank=True, allow_null=True
    )
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = SdgLink
        fields = [
            "id",
            "local_goal",
            "local_indicator",
            "initiative",
            "target",
            "indicator",
            "kind",
            "rationale",
            "created_by",
            "created_at",
            "suggested_by_model",
        ]
        read_only_fields = ["id", "created_by", "created_at", "suggested_by_model"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        sources = [
            name for name in ("local_goal", "local_indicator", "initiative") if attrs.get(name)
        ]
        if len(sources) != 1:
            raise serializers.ValidationError(
                {"source": "Name exactly one of local_goal, local_indicator or initiative."}
            )
        return attrs


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "source"]


class LocalGoalSerializer(serializers.ModelSerializer):
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    links = SdgLinkSerializer(many=True, read_only=True)

    class Meta:
        model = LocalGoal
        fields = [
            "id",
            "city",
            "code",
            "title",
            "title_en",
            "title_fi",
            "title_sv",
            "description",
            "is_example",
            "links",
        ]


class LocalIndicatorSerializer(serializers.ModelSerializer):
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    local_goal = serializers.SlugRelatedField(slug_field="code", read_only=True)
    values = IndicatorValueSerializer(many=True, read_only=True)
    links = SdgLinkSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = LocalIndicator
        fields = [
            "id",
            "city",
            "code",
            "name",
            "name_en",
            "name_fi",
            "name_sv",
            "local_goal",
            "unit",
            "direction",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "source",
            "is_example",
            "status",
            "values",
            "links",
        ]

    def get_status(self, indicator: LocalIndicator) -> str:
        return str(local_indicator_judgement(indicator=indicator).status)


class ReviewSerializer(serializers.ModelSerializer):
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "city",
            "slug",
            "title",
            "period_start",
            "period_end",
            "phase",
            "is_example",
        ]


class ContributionSerializer(serializers.ModelSerializer):
    """A contribution to a review. Residents' contributions stay hidden until moderated."""

    review = serializers.PrimaryKeyRelatedField(queryset=Review.objects.all())
    goals = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    targets = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    goal_numbers = serializers.ListField(
        child=serializers.IntegerField(), write_only=True, required=False
    )
    target_codes = serializers.ListField(
        child=serializers.CharField(), write_only=True, required=False
    )
    evidence_links = serializers.ListField(child=serializers.CharField(), required=False)
    declared_group = serializers.ChoiceField(
        choices=["resident", "youth", "partner"],
        write_only=True,
        required=False,
        help_text="How a resident takes part; staff and experts take part in their role.",
    )

    class Meta:
        model = Contribution
        fields = [
            "id",
            "review",
            "kind",
            "title",
            "text",
            "date",
            "group",
            "goals",
            "targets",
            "goal_numbers",
            "target_codes",
            "evidence_links",
            "declared_group",
            "status",
        ]
        read_only_fields = ["id", "group", "status"]
