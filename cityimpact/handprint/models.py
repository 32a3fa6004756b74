"""The factor library and handprint assessments of a city."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cityimpact.handprint.calculator.model import Shape, Stage


class UncertaintyFields(models.Model):
    """How uncertain a value is (see calculator.model.Distribution)."""

    shape = models.CharField(
        _("uncertainty"),
        max_length=12,
        choices=[(s.value, s.value) for s in Shape],
        default=Shape.EXACT.value,
    )
    low = models.FloatField(_("low"), null=True, blank=True)
    high = models.FloatField(_("high"), null=True, blank=True)
    sd = models.FloatField(_("standard deviation"), null=True, blank=True)
    gsd = models.FloatField(_("geometric standard deviation"), null=True, blank=True)

    class Meta:
        abstract = True


class EmissionFactor(UncertaintyFields):
    """An emission factor in one version: kg CO2e per unit of an activity, with its source.
    A changed value is a new version; old versions stay, so results that used them never
    change silently."""

    key = models.SlugField(_("key"), max_length=80)
    version = models.PositiveIntegerField(_("version"), default=1)
    category = models.CharField(_("category"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=20)
    kgco2e_per_unit = models.FloatField(_("kg CO2e per unit"))
    year = models.CharField(_("data year"), max_length=60)
    source = models.TextField(_("source"))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("emission factor")
        verbose_name_plural = _("emission factors")
        ordering = ["category", "key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="unique_factor_version")
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"


class HandprintAssessment(models.Model):
    """A solution compared with its baseline on one functional unit, scaled over years, in
    one of the city's mechanisms. Drafts are never shown publicly."""

    class Mechanism(models.TextChoices):
        OWNERSHIP = "ownership", _("Ownership")
        OPERATING_ENVIRONMENT = "operating_environment", _("Operating environment")
        PROJECTS = "projects", _("Projects")
        COMPANIES = "companies", _("Companies (reported separately)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    class Kind(models.TextChoices):
        POTENTIAL = "potential", _("Potential (before deployment)")
        REALISED = "realised", _("Realised (measured)")

    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="handprints")
    title = models.CharField(_("title"), max_length=200)
    functional_unit = models.CharField(_("functional unit"), max_length=200)
    baseline_name = models.CharField(_("baseline"), max_length=200)
    solution_name = models.CharField(_("solution"), max_length=200)
    boundary = models.TextField(_("system boundary"))
    data_year = models.PositiveSmallIntegerField(
        _("data year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    mechanism = models.CharField(_("mechanism"), max_length=24, choices=Mechanism.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.POTENTIAL)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.TextField(_("review"), blank=True)
    units_per_year = models.FloatField(
        _("functional units per year"), default=1, validators=[MinValueValidator(0)]
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    years = models.PositiveSmallIntegerField(
        _("years"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    storage_kgco2e_per_unit = models.FloatField(
        _("carbon stored in products (kg CO2e per unit)"),
        default=0,
        help_text=_("Reported beside the handprint, never subtracted from it."),
    )
    initiatives = models.ManyToManyField(
        "portfolio.Initiative", blank=True, related_name="handprints", verbose_name=_("initiatives")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("handprint assessment")
        verbose_name_plural = _("handprint assessments")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


class InventoryLine(UncertaintyFields):
    """An amount of an activity per functional unit in the baseline or the solution, tied to
    the exact factor version it was assessed with."""

    class System(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        SOLUTION = "solution", _("Solution")

    assessment = models.ForeignKey(
        HandprintAssessment, on_delete=models.CASCADE, related_name="lines"
    )
    system = models.CharField(_("system"), max_length=10, choices=System.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=[(s.value, s.value) for s in Stage])
    factor = models.ForeignKey(EmissionFactor, on_delete=models.PROTECT, related_name="+")
    amount = models.FloatField(_("amount"), validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=20)
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("inventory line")
        verbose_name_plural = _("inventory lines")
        ordering = ["system", "stage", "pk"]

    def __str__(self) -> str:
        return f"{self.get_system_display()}: {self.label or self.factor.key}"


class Actor(models.Model):
    """An organisation taking part in a solution, its role and its share of the handprint."""

    assessment = models.ForeignKey(
        HandprintAssessment, on_delete=models.CASCADE, related_name="actors"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=100)
    share = models.FloatField(
        _("allocation share"), validators=[MinValueValidator(0), MaxValueValidator(1)]
    )

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


class FactorChange(models.Model):
    """A factor's value from a year on, for one assessment's scaling: the grid and district
    heat decarbonise, so the same solution's annual handprint changes over the years."""

    assessment = models.ForeignKey(
        HandprintAssessment, on_delete=models.CASCADE, related_name="factor_changes"
    )
    factor = models.ForeignKey(EmissionFactor, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    kgco2e_per_unit = models.FloatField(_("kg CO2e per unit"))

    class Meta:
        verbose_name = _("factor change")
        verbose_name_plural = _("factor changes")
        ordering = ["factor__key", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "factor", "year"], name="unique_factor_change"
            )
        ]

    def __str__(self) -> str:
        return f"{self.factor.key} {self.year}: {self.kgco2e_per_unit}"
