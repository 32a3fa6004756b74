"""Goals that the SDG classifier suggested for a text in the product, and what staff made of
them. An accepted suggestion becomes a link (or a goal of the proposal or contribution) that
remembers it was suggested, by which model version, and who accepted it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SdgSuggestion(models.Model):
    class Source(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        LOCAL_GOAL = "local_goal", _("Local goal")
        LOCAL_INDICATOR = "local_indicator", _("Local indicator")
        PROPOSAL = "proposal", _("Campaign proposal")
        CONTRIBUTION = "contribution", _("Review contribution")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    source_type = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_id = models.PositiveBigIntegerField()
    city = models.ForeignKey(
        "core.City", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    goal = models.ForeignKey("sdg.Goal", verbose_name=_("goal"), on_delete=models.CASCADE)
    target = models.ForeignKey(
        "sdg.Target", verbose_name=_("target"), on_delete=models.SET_NULL, null=True, blank=True
    )
    score = models.FloatField(_("score"))
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    words = models.JSONField(_("evidence words"), default=list, blank=True)
    model_version = models.CharField(_("model version"), max_length=40)
    # A hash of the text the suggestion was made for: an edited text makes it stale.
    text_fingerprint = models.CharField(max_length=16, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    link = models.ForeignKey(
        "sdg.SdgLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_example = models.BooleanField(_("example data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SDG suggestion")
        verbose_name_plural = _("SDG suggestions")
        ordering = ["source_type", "source_id", "-score"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "goal"], name="unique_suggestion_per_goal"
            )
        ]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return f"{self.source_type} {self.source_id} → SDG {self.goal_id} ({self.score:.2f})"
