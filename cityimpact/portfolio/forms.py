"""Forms of the portfolio pages. They validate input; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cityimpact.core.models import Organisation
from cityimpact.portfolio.models import (
    Adoption,
    Initiative,
    Outcome,
    Participation,
)
from cityimpact.portfolio.selectors import InitiativeFilters
from cityimpact.portfolio.services.initiatives import (
    ADOPTION_FIELDS,
    INITIATIVE_SCALAR_FIELDS,
    OUTCOME_FIELDS,
)


class InitiativeFilterForm(forms.Form):
    """The list page's search box and facets, read from the query string."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.SlugField(required=False)
    programme = forms.SlugField(required=False)
    status = forms.ChoiceField(choices=[("", ""), *Initiative.Status.choices], required=False)
    year = forms.IntegerField(
        label=_("Active in year"), required=False, min_value=1900, max_value=2100
    )
    partner = forms.SlugField(required=False)
    city = forms.SlugField(required=False)
    network = forms.SlugField(required=False)

    def filters(self) -> InitiativeFilters:
        """The valid part of the query; an invalid facet value is ignored, not an error page."""
        self.is_valid()  # cleaned_data then holds only the fields that validated
        return InitiativeFilters(
            **{name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        )


class InitiativeForm(forms.ModelForm):
    """Create or edit an initiative, its texts in three languages and its relations."""

    partners: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("New partners get the role 'partner'; existing roles are kept."),
    )
    places = forms.CharField(
        label=_("Places"),
        required=False,
        help_text=_("Districts or areas, separated by commas."),
    )

    class Meta:
        model = Initiative
        fields = [
            "title_en",
            "title_fi",
            "title_sv",
            "summary_en",
            "summary_fi",
            "summary_sv",
            "description_en",
            "description_fi",
            "description_sv",
            "themes",
            "programme",
            "status",
            "start_year",
            "end_year",
            "lead",
            "cities",
            "networks",
            "budget_eur",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_fi": forms.Textarea(attrs={"rows": 3}),
            "summary_sv": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        self.fields["summary_en"].required = True
        if self.instance.pk:
            self.fields["partners"].initial = list(
                self.instance.participations.values_list("organisation_id", flat=True)
            )
            self.fields["places"].initial = ", ".join(p.name for p in self.instance.places.all())

    def _validate_unique(self) -> None:  # uniqueness is the service's business (slug per city)
        pass

    def service_data(self) -> dict[str, Any]:
        """cleaned_data in the shape initiative_create / initiative_update take."""
        data = {k: v for k, v in self.cleaned_data.items() if k in INITIATIVE_SCALAR_FIELDS}
        data["themes"] = list(self.cleaned_data["themes"])
        data["cities"] = list(self.cleaned_data["cities"])
        data["networks"] = list(self.cleaned_data["networks"])
        data["places"] = [p.strip() for p in self.cleaned_data["places"].split(",") if p.strip()]
        existing_roles: dict[int, list[str]] = {}
        if self.instance.pk:
            for p in self.instance.participations.all():
                existing_roles.setdefault(p.organisation_id, []).append(p.role)
        data["partners"] = [
            (organisation, role)
            for organisation in self.cleaned_data["partners"]
            for role in existing_roles.get(organisation.pk, [Participation.Role.PARTNER])
        ]
        return data


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = list(OUTCOME_FIELDS)
        widgets = {f"note_{code}": forms.Textarea(attrs={"rows": 2}) for code in ("en", "fi", "sv")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric_en"].required = True


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = list(ADOPTION_FIELDS)
        widgets = {f"how_{code}": forms.Textarea(attrs={"rows": 3}) for code in ("en", "fi", "sv")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["how_en"].required = True


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma-separated, with the columns of the portfolio export."),
    )
