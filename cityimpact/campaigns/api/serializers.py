"""API shapes of open campaigns. No personal data beyond public usernames; who supported
what is never exposed."""

from __future__ import annotations

from rest_framework import serializers

from cityimpact.campaigns.models import Campaign, Comment, Proposal


class CampaignSerializer(serializers.ModelSerializer):
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "city",
            "slug",
            "title",
            "description",
            "rules",
            "phase",
            "services",
            "budget_frame_eur",
            "collecting_ends",
            "supports_per_person",
            "support_threshold",
            "is_example",
        ]


class ProposalSerializer(serializers.ModelSerializer):
    goals = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    answer = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "campaign",
            "title",
            "description",
            "problem",
            "beneficiaries",
            "place",
            "goals",
            "state",
            "answer",
            "support_count",
            "created_at",
        ]
        read_only_fields = ["state", "support_count", "created_at"]

    def get_answer(self, proposal: Proposal) -> str:
        return proposal.answer if proposal.answer_published else ""


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "proposal", "parent", "text", "created_at"]
        read_only_fields = ["created_at"]
