"""API of open campaigns under /api/v1/campaigns/. Every list and object is filtered by the
same visibility rules as the pages: no draft campaign or hidden content through the API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cityimpact.campaigns import selectors, services
from cityimpact.campaigns.api import serializers as s
from cityimpact.campaigns.models import Comment, Experiment, Proposal
from cityimpact.campaigns.permissions import can_moderate


def _api_error(error: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else error.messages
    )


def _limit_choices(serializer: Any, name: str, choices: QuerySet[Any]) -> None:
    """Make `choices` the only valid values of a related field of the serializer."""
    serializer.fields[name].queryset = choices


class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CampaignSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.campaign_list(user=self.request.user).order_by("pk")


def _visible_proposals(user: Any) -> QuerySet[Proposal]:
    campaigns = selectors.campaign_list(user=user)
    proposals = Proposal.objects.filter(campaign__in=campaigns).select_related("campaign")
    moderated = [c.pk for c in campaigns if can_moderate(user=user, campaign=c)]
    visible = Q(hidden=False) | Q(campaign__in=moderated)
    if getattr(user, "is_authenticated", False):
        visible |= Q(author=user)
    return proposals.filter(visible)


class ProposalFilter(filters.FilterSet):
    # By id, not by choice among all campaigns: an unknown id and a draft one the person may
    # not see must both give an empty list, not a 400 for one of them.
    campaign = filters.NumberFilter(field_name="campaign_id")

    class Meta:
        model = Proposal
        fields = ["campaign"]  # not the state: prepared decisions are not public


class CommentFilter(filters.FilterSet):
    proposal = filters.NumberFilter(field_name="proposal_id")  # as ProposalFilter.campaign

    class Meta:
        model = Comment
        fields = ["proposal"]


class ProposalViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Proposals; `POST` proposes (while the campaign collects), `support` backs one."""

    serializer_class = s.ProposalSerializer
    filterset_class = ProposalFilter

    def get_queryset(self) -> QuerySet[Proposal]:
        return (
            _visible_proposals(self.request.user).prefetch_related("goals").order_by("-created_at")
        )

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        serializer = super().get_serializer(*args, **kwargs)
        if isinstance(serializer, s.ProposalSerializer):
            # Only campaigns the person may see are choices: a draft one is "no such campaign".
            choices = selectors.campaign_list(user=self.request.user)
            _limit_choices(serializer, "campaign", choices)
        return serializer

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        campaign = data.pop("campaign")  # one the person may see: see get_serializer
        try:
            serializer.instance = services.proposal_create(
                actor=self.request.user, campaign=campaign, data=data
            )
        except DjangoValidationError as error:
            raise _api_error(error) from error

    @extend_schema(request=None, responses={201: None})
    @action(detail=True, methods=["post", "delete"])
    def support(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        try:
            if request.method == "DELETE":
                services.support_remove(actor=request.user, proposal=proposal)
                return Response(status=status.HTTP_204_NO_CONTENT)
            count = services.support_add(actor=request.user, proposal=proposal)
        except DjangoValidationError as error:
            raise _api_error(error) from error
        return Response({"support_count": count}, status=status.HTTP_201_CREATED)


class CommentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Comments on visible proposals; hidden ones only for moderators."""

    serializer_class = s.CommentSerializer
    filterset_class = CommentFilter

    def get_queryset(self) -> QuerySet[Comment]:
        user = self.request.user
        proposals = _visible_proposals(user)
        comments = Comment.objects.filter(proposal__in=proposals)
        moderated = [
            p.campaign_id for p in proposals if can_moderate(user=user, campaign=p.campaign)
        ]
        return comments.filter(Q(hidden=False) | Q(proposal__campaign__in=moderated)).order_by(
            "created_at"
        )

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        serializer = super().get_serializer(*args, **kwargs)
        if isinstance(serializer, s.CommentSerializer):
            # As for proposals: what the person may not see is no choice at all.
            _limit_choices(serializer, "proposal", _visible_proposals(self.request.user))
            _limit_choices(serializer, "parent", self.get_queryset())
        return serializer

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        try:
            serializer.instance = services.comment_add(
                actor=self.request.user,
                proposal=data["proposal"],
                text=data["text"],
                parent=data.get("parent"),
            )
        except DjangoValidationError as error:
            raise _api_error(error) from error


class ExperimentViewSet(viewsets.ReadOnlyModelViewSet):
    """Experiments of visible proposals, with their indicators and published results."""

    serializer_class = s.ExperimentSerializer
    filterset_fields = ["status", "initiative"]

    def get_queryset(self) -> QuerySet[Experiment]:
        return (
            Experiment.objects.filter(proposal__in=_visible_proposals(self.request.user))
            .prefetch_related("kpis")
            .order_by("pk")
        )
