"""Read-only shapes of the SDG framework in the API, with texts in all three languages."""

from __future__ import annotations

from rest_framework import serializers

from cityimpact.sdg.models import Goal, Indicator, Target


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
