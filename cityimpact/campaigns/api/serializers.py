"""API shapes of open campaigns. No personal data beyond public usernames; who supported
what is never exposed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cityimpact.campaigns.models import Campaign, Comment, Experiment, Kpi, Proposal

NO_SUCH_CAMPAIGN = _("No such campaign.")
NO_SUCH_PROPOSAL = _("No such proposal.")
NOT_A_REPLY_TARGET = _("You can only reply to a comment on this proposal.")


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
    state = serializers.CharField(source="public_state", read_only=True)

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
        # The same words as for a campaign the person may not see, so that the answer does not
        # tell whether a draft campaign with that id exists.
        extra_kwargs = {"campaign": {"error_messages": {"does_not_exist": NO_SUCH_CAMPAIGN}}}

    def get_answer(self, proposal: Proposal) -> str:
        return proposal.answer if proposal.answer_published else ""


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "proposal", "parent", "text", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {  # as for proposals and comments the person may not see (see above)
            "proposal": {"error_messages": {"does_not_exist": NO_SUCH_PROPOSAL}},
            "parent": {"error_messages": {"does_not_exist": NOT_A_REPLY_TARGET}},
        }


class KpiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kpi
        fields = ["name", "unit", "target", "achieved"]


class ExperimentSerializer(serializers.ModelSerializer):
    """An experiment; what was learned only once the results are published."""

    kpis = KpiSerializer(many=True, read_only=True)
    learned = serializers.SerializerMethodField()
    scales = serializers.SerializerMethodField()

    class Meta:
        model = Experiment
        fields = [
            "id",
            "proposal",
            "responsible_unit",
            "budget_eur",
            "starts",
            "ends",
            "status",
            "initiative",
            "kpis",
            "learned",
            "scales",
            "results_published",
        ]

    def get_learned(self, experiment: Experiment) -> str:
        return experiment.learned if experiment.results_published else ""

    def get_scales(self, experiment: Experiment) -> bool | None:
        return experiment.scales if experiment.results_published else None
