"""The portfolio: initiatives with their themes, programmes, partners, outcomes and adoptions."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class Theme(models.Model):
    """A strategic theme a city groups its initiatives under, such as climate change;
    demography and inequality; or digitalisation."""

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """A funding instrument an initiative is financed from (Horizon 2020, URBACT, LIFE,
    Creative Europe, a national programme), with the body that funds it."""

    class Kind(models.TextChoices):
        EU = "eu", _("EU programme")
        NATIONAL = "national", _("National programme")
        CITY = "city", _("City programme")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.EU)
    funder = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("funder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    """A network of cities or organisations that share practice (Eurocities, the UNESCO
    Global Network of Learning Cities, UserCentriCities, 6Aika)."""

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkMembership(models.Model):
    """That a city or an organisation belongs to a network, in which role and since when."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FOUNDING_PARTNER = "founding_partner", _("Founding partner")
        COORDINATOR = "coordinator", _("Coordinator")
        PARTICIPANT = "participant", _("Participant")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    city = models.ForeignKey(
        "core.City", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.MEMBER)
    since = models.PositiveSmallIntegerField(
        _("since"), null=True, blank=True, validators=YEAR_VALIDATORS
    )

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(city__isnull=False, organisation__isnull=True)
                | models.Q(city__isnull=True, organisation__isnull=False),
                name="membership_city_xor_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city or self.organisation} – {self.network}"


class Place(models.Model):
    """A district or area of a city where an initiative happens (Kera, Otaniemi)."""

    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="unique_place_name")]

    def __str__(self) -> str:
        return self.name


class Initiative(models.Model):
    """An innovation project, programme or model a city runs with partners: what it is, who
    takes part, how it is funded, what it achieved and where it spread."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        MAINSTREAMED = "mainstreamed", _("Mainstreamed")

    city = models.ForeignKey(
        "core.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="initiatives"
    )
    slug = models.SlugField(_("slug"), max_length=120)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="initiatives"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    lead = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_initiatives",
    )
    partners = models.ManyToManyField(
        "core.Organisation",
        verbose_name=_("partners"),
        through="Participation",
        related_name="initiatives",
    )
    cities = models.ManyToManyField(
        "core.City",
        verbose_name=_("partner cities"),
        blank=True,
        related_name="partner_initiatives",
    )
    networks = models.ManyToManyField(
        Network, verbose_name=_("networks"), blank=True, related_name="initiatives"
    )
    places = models.ManyToManyField(
        Place, verbose_name=_("places"), blank=True, related_name="initiatives"
    )
    budget_eur = models.DecimalField(
        _("budget (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # Text of every language, partners and places, folded to lower case: what search reads.
    # Kept by the services; on PostgreSQL `search_vector` indexes it for full-text search.
    search_text = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(editable=False, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-start_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="unique_initiative_slug"),
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="initiative_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:initiative", kwargs={"city": self.city.slug, "slug": self.slug})

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    @property
    def period_label(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return f"{self.start_year}–"
        return ""


class Participation(models.Model):
    """An organisation's part in an initiative: coordinator, partner, beneficiary, funder…"""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        LEAD_PARTNER = "lead_partner", _("Lead partner")
        PARTNER = "partner", _("Partner")
        BENEFICIARY = "beneficiary", _("Beneficiary")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        ASSOCIATED = "associated", _("Associated partner")
        FUNDER = "funder", _("Funder")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "role"], name="unique_participation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class InitiativeLink(models.Model):
    """A web page about an initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("address"))

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.label


class Outcome(models.Model):
    """A measured result of an initiative: a metric with a value and unit, for a year or a
    period, and a note on where the figure comes from."""

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        APPROX = "approx", _("about")
        MORE_THAN = "more_than", _("more than")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="outcomes")
    metric = models.CharField(_("metric"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    value_high = models.DecimalField(
        _("upper value"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For a range, its upper end."),
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    period_start = models.PositiveSmallIntegerField(
        _("period start"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    period_end = models.PositiveSmallIntegerField(
        _("period end"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    note = models.TextField(_("source note"), blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["metric", "year", "id"]

    def __str__(self) -> str:
        return f"{self.metric}: {self.display_value}"

    def clean(self) -> None:
        errors = {}
        if self.value_high is not None and self.value is not None and self.value_high < self.value:
            errors["value_high"] = _("The upper value cannot be below the value.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_value(self) -> str:
        def fmt(number: object) -> str:
            text = f"{number:,.2f}".rstrip("0").rstrip(".")
            return text.replace(",", "\u202f")

        text = fmt(self.value)
        if self.value_high is not None:
            text = f"{text}–{fmt(self.value_high)}"
        prefix = {self.Qualifier.APPROX: "~", self.Qualifier.MORE_THAN: ">"}.get(
            self.qualifier,  # type: ignore[call-overload]
            "",
        )
        return f"{prefix}{text} {self.unit}".strip()

    @property
    def when_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.year or "")


class Adoption(models.Model):
    """Another city, region or organisation that took an initiative's model into use."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="adoptions")
    city = models.ForeignKey(
        "core.City",
        verbose_name=_("adopting city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="adoptions",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("adopting organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="adoptions",
    )
    region = models.CharField(_("region or group"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    how = models.TextField(_("how it was taken up"))

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["year", "id"]

    def __str__(self) -> str:
        return str(self.city or self.organisation or self.region)

    def clean(self) -> None:
        if not (self.city_id or self.organisation_id or self.region):
            raise ValidationError(_("Name the adopting city, organisation or region."))


class Lesson(models.Model):
    """Something other cities can reuse from an initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title
