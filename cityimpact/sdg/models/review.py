"""The participatory voluntary local review (VLR): contributions, moderation and expert
evaluation, from which the review report is generated."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Review(models.Model):
    """A city's voluntary local review of the SDGs over a period, moving through phases from
    preparation to publication. Its texts frame the report; its figures are computed."""

    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("Preparation")
        COLLECTING = "collecting", _("Collecting contributions")
        EVALUATION = "evaluation", _("Expert evaluation")
        DRAFTING = "drafting", _("Drafting the report")
        PUBLISHED = "published", _("Published")

    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="reviews")
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    phase = models.CharField(
        _("phase"), max_length=12, choices=Phase.choices, default=Phase.PREPARATION
    )
    highlights = models.TextField(_("opening and highlights"), blank=True)
    introduction = models.TextField(_("introduction and context"), blank=True)
    methodology = models.TextField(_("methodology"), blank=True)
    means_of_implementation = models.TextField(
        _("means of implementation and partnerships"), blank=True
    )
    conclusions = models.TextField(_("conclusions and next steps"), blank=True)
    is_example = models.BooleanField(_("example data"), default=False)

    class Meta:
        verbose_name = _("voluntary local review")
        verbose_name_plural = _("voluntary local reviews")
        ordering = ["-period_start"]
        constraints = [models.UniqueConstraint(fields=["city", "slug"], name="unique_review_slug")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sdg:review", kwargs={"city": self.city.slug, "slug": self.slug})

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class ReviewParticipant(models.Model):
    """A person who took part in a review, and as whom. Participation figures count these."""

    class Group(models.TextChoices):
        STAFF = "staff", _("City staff")
        PARTNER = "partner", _("Partner")
        RESIDENT = "resident", _("Resident")
        YOUTH = "youth", _("Young person")
        EXPERT = "expert", _("SDG expert")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_participations"
    )
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review participant")
        verbose_name_plural = _("review participants")
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="unique_review_participant")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_group_display()})"


class Contribution(models.Model):
    """A project or an insight that a participant reports to the review, linked to goals or
    targets, with links to evidence. Residents' contributions are public once moderated."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        INSIGHT = "insight", _("Insight")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Public")
        REJECTED = "rejected", _("Rejected")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    group = models.CharField(
        _("contributed as"), max_length=10, choices=ReviewParticipant.Group.choices
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROJECT)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("description"), max_length=5000)
    date = models.DateField(_("date"), help_text=_("When it happened, within the review period."))
    goals = models.ManyToManyField(
        "sdg.Goal", verbose_name=_("goals"), blank=True, related_name="contributions"
    )
    targets = models.ManyToManyField(
        "sdg.Target", verbose_name=_("targets"), blank=True, related_name="contributions"
    )
    evidence = models.TextField(
        _("evidence links"), blank=True, help_text=_("Web addresses, one per line.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def evidence_links(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


class Evaluation(models.Model):
    """An SDG expert's assessment of a contribution or of an SDG link: a score from 0 (no
    contribution to the goal) to 3 (strong, evidenced contribution) and a comment."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, null=True, blank=True, related_name="evaluations"
    )
    link = models.ForeignKey(
        "sdg.SdgLink", on_delete=models.CASCADE, null=True, blank=True, related_name="evaluations"
    )
    # SET_NULL: an evaluation outlives its expert's account (anonymous), so the review keeps it.
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="sdg_evaluations",
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(3)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contribution__isnull=False, link__isnull=True)
                | models.Q(contribution__isnull=True, link__isnull=False),
                name="evaluation_one_subject",
            ),
            models.UniqueConstraint(
                fields=["expert", "contribution"], name="unique_contribution_evaluation"
            ),
            models.UniqueConstraint(fields=["expert", "link"], name="unique_link_evaluation"),
            models.CheckConstraint(condition=models.Q(score__lte=3), name="evaluation_score_0_3"),
        ]

    def __str__(self) -> str:
        return f"{self.expert}: {self.score}"
