"""Campaigns, proposals, supports, comments and reports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

IDENTITY_LEVELS = [
    ("registered", _("Anyone with an account")),
    ("verified", _("Verified e-mail address")),
    ("strong", _("Strong identification")),
]


class Campaign(models.Model):
    """An open call for pilot proposals from residents, run in phases: proposals are
    collected, the city evaluates and selects, and selected ones run as experiments."""

    class Phase(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COLLECTING = "collecting", _("Collecting proposals")
        EVALUATION = "evaluation", _("Evaluation")
        SELECTION = "selection", _("Selection")
        EXPERIMENTS = "experiments", _("Experiments")
        RESULTS = "results", _("Results")
        CLOSED = "closed", _("Closed")

    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="campaigns")
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    rules = models.TextField(_("rules"), blank=True)
    theme = models.ForeignKey(
        "portfolio.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    services = models.CharField(_("city services taking part"), max_length=300, blank=True)
    budget_frame_eur = models.DecimalField(
        _("budget frame (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.DRAFT)
    collecting_starts = models.DateField(_("proposals from"), null=True, blank=True)
    collecting_ends = models.DateField(_("proposals until"), null=True, blank=True)
    evaluation_ends = models.DateField(_("evaluation until"), null=True, blank=True)
    selection_ends = models.DateField(_("selection until"), null=True, blank=True)
    experiments_end = models.DateField(_("experiments until"), null=True, blank=True)
    results_by = models.DateField(_("results by"), null=True, blank=True)
    supports_per_person = models.PositiveSmallIntegerField(
        _("supports per person"), default=10, validators=[MinValueValidator(1)]
    )
    support_threshold = models.PositiveIntegerField(
        _("supports to qualify"), default=0, help_text=_("0: no threshold.")
    )
    propose_level = models.CharField(
        _("who may propose"), max_length=10, choices=IDENTITY_LEVELS, default="registered"
    )
    support_level = models.CharField(
        _("who may support"), max_length=10, choices=IDENTITY_LEVELS, default="registered"
    )
    comment_level = models.CharField(
        _("who may comment"), max_length=10, choices=IDENTITY_LEVELS, default="registered"
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        _("reports before hiding"), default=3, validators=[MinValueValidator(1)]
    )
    is_example = models.BooleanField(_("example data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="unique_campaign_slug")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:campaign", kwargs={"city": self.city.slug, "slug": self.slug})

    @property
    def phase_dates(self) -> dict[str, Any]:
        """The planned date each phase ends (or starts, for collecting), for the phase list."""
        return {
            self.Phase.COLLECTING: self.collecting_ends,
            self.Phase.EVALUATION: self.evaluation_ends,
            self.Phase.SELECTION: self.selection_ends,
            self.Phase.EXPERIMENTS: self.experiments_end,
            self.Phase.RESULTS: self.results_by,
        }


class Proposal(models.Model):
    """A resident's idea for a pilot: the problem, who benefits, where, and the goals it
    serves. The city answers every proposal publicly."""

    class State(models.TextChoices):
        PUBLISHED = "published", _("Published")
        EVALUATING = "evaluating", _("Under evaluation")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not taken forward")
        SELECTED = "selected", _("Selected for an experiment")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=5000)
    problem = models.TextField(_("the problem it solves"), max_length=2000)
    beneficiaries = models.CharField(_("who benefits"), max_length=300)
    place = models.CharField(_("place"), max_length=120, blank=True)
    goals = models.ManyToManyField(
        "sdg.Goal", blank=True, related_name="+", verbose_name=_("goals")
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PUBLISHED, db_index=True
    )
    answer = models.TextField(_("the city's answer"), blank=True)
    answer_published = models.BooleanField(_("answer published"), default=False)
    withdrawn_reason = models.CharField(_("reason for withdrawing"), max_length=500, blank=True)
    hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    support_count = models.PositiveIntegerField(default=0, editable=False)
    is_example = models.BooleanField(_("example data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:proposal", kwargs={"pk": self.pk})

    @property
    def public_state(self) -> str:
        """The state the public sees: the city's decision only once answers are published
        (answers are prepared first and published together)."""
        if self.answer_published or self.state in (self.State.PUBLISHED, self.State.WITHDRAWN):
            return str(self.state)
        return str(self.State.PUBLISHED)

    def get_public_state_display(self) -> str:
        return str(self.State(self.public_state).label)


class Support(models.Model):
    """One person backing one proposal (at most once, within the campaign's limit)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    # SET_NULL: when a person erases their account, their supports stay, anonymous, so the
    # proposals' counts do not change.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"


class Comment(models.Model):
    """A comment on a proposal, or a reply to another comment."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=2000)
    hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:50]


class Report(models.Model):
    """Someone flagged a proposal or comment as inappropriate."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposal__isnull=False, comment__isnull=True)
                | models.Q(proposal__isnull=True, comment__isnull=False),
                name="report_one_subject",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"], name="one_report_per_proposal"
            ),
            models.UniqueConstraint(fields=["reporter", "comment"], name="one_report_per_comment"),
        ]

    def __str__(self) -> str:
        return f"report by {self.reporter_id}"


class Experiment(models.Model):
    """A selected proposal tried out in a city service: who runs it, with whom, its budget,
    period, indicators with targets, progress updates and what was learned."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="experiment")
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    partners = models.ManyToManyField(
        "core.Organisation", blank=True, related_name="+", verbose_name=_("partner companies")
    )
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    starts = models.DateField(_("start"))
    ends = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiments",
    )
    learned = models.TextField(_("what was learned"), blank=True)
    scales = models.BooleanField(_("worth scaling up"), null=True, blank=True)
    results_published = models.BooleanField(_("results published"), default=False)

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")

    def __str__(self) -> str:
        return str(self.proposal)


class Kpi(models.Model):
    """An indicator of an experiment with its target and the value reached."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    target = models.FloatField(_("target"))
    achieved = models.FloatField(_("achieved"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class StatusUpdate(models.Model):
    """News from a running experiment, with its progress."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("update"), max_length=2000)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:50]


class Criterion(models.Model):
    """A criterion of a campaign's evaluation rubric (impact, feasibility, cost, fit with
    city goals), with its weight in the total."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    weight = models.FloatField(_("weight"), default=1, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Score(models.Model):
    """One staff evaluator's score (0–5) of a proposal on one criterion."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(5)])
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion", "evaluator"], name="one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Attachment(models.Model):
    """An image or PDF attached to a proposal. Served only through a view that checks that
    the proposal may be seen."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="campaigns/attachments/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
