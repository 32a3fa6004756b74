"""A city's own goals and indicators, and their links to the global targets and indicators."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

YEAR = [MinValueValidator(1900), MaxValueValidator(2100)]


class LocalGoal(models.Model):
    """A goal of the city's own strategy (for example carbon neutrality by 2030) that the
    city links to the global targets it serves."""

    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="local_goals")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Illustrative content that does not come from the city's own sources."),
    )

    class Meta:
        verbose_name = _("local goal")
        verbose_name_plural = _("local goals")
        ordering = ["city", "code"]
        constraints = [
            models.UniqueConstraint(fields=["city", "code"], name="unique_local_goal_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class LocalIndicator(models.Model):
    """Something the city measures to follow a local goal: its unit, which way is better,
    the baseline and the target value it aims at by a target year."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")

    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="local_indicators")
    local_goal = models.ForeignKey(
        LocalGoal,
        verbose_name=_("local goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=YEAR
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)

    class Meta:
        verbose_name = _("local indicator")
        verbose_name_plural = _("local indicators")
        ordering = ["city", "code"]
        constraints = [
            models.UniqueConstraint(fields=["city", "code"], name="unique_local_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.local_goal_id and self.local_goal and self.local_goal.city_id != self.city_id:
            raise ValidationError({"local_goal": _("The local goal belongs to another city.")})
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            raise ValidationError({"target_year": _("The target year is before the baseline.")})
        if (self.target_value is None) != (self.target_year is None):
            raise ValidationError(
                {"target_year": _("Give the target value and its year together.")}
            )


class IndicatorValue(models.Model):
    """One measured value of a local indicator, with its date and source."""

    indicator = models.ForeignKey(LocalIndicator, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "date"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="unique_indicator_date")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.date}: {self.value}"


class SdgLink(models.Model):
    """That a local goal, local indicator or initiative serves a global target (and possibly
    a global indicator), how directly, why, and who said so when."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct")
        PROXY = "proxy", _("Proxy")
        CONTEXTUAL = "contextual", _("Contextual")

    local_goal = models.ForeignKey(
        LocalGoal, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    local_indicator = models.ForeignKey(
        LocalIndicator, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sdg_links",
    )
    target = models.ForeignKey(
        "sdg.Target", verbose_name=_("target"), on_delete=models.CASCADE, related_name="links"
    )
    indicator = models.ForeignKey(
        "sdg.Indicator",
        verbose_name=_("global indicator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links",
    )
    kind = models.CharField(_("kind of link"), max_length=12, choices=Kind.choices)
    rationale = models.TextField(_("rationale"), max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    suggested_by_model = models.CharField(
        _("suggested by model"),
        max_length=40,
        blank=True,
        help_text=_("The classifier version that suggested this link; empty when made by hand."),
    )

    class Meta:
        verbose_name = _("SDG link")
        verbose_name_plural = _("SDG links")
        ordering = ["target__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        local_goal__isnull=False,
                        local_indicator__isnull=True,
                        initiative__isnull=True,
                    )
                    | models.Q(
                        local_goal__isnull=True,
                        local_indicator__isnull=False,
                        initiative__isnull=True,
                    )
                    | models.Q(
                        local_goal__isnull=True,
                        local_indicator__isnull=True,
                        initiative__isnull=False,
                    )
                ),
                name="sdg_link_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.indicator or self.target}"

    @property
    def source(self) -> models.Model | None:
        return self.local_goal or self.local_indicator or self.initiative

    @property
    def city_id(self) -> int | None:
        source = self.source
        return getattr(source, "city_id", None)

    def clean(self) -> None:
        if (
            self.indicator is not None
            and self.target_id
            and self.indicator.target_id != self.target_id
        ):
            raise ValidationError(
                {"indicator": _("This global indicator belongs to another target.")}
            )
