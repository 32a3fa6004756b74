"""The assessment wizard's forms: step 1 describes the comparison and its scale, step 2 the
inventory of both systems with the uncertainty of each amount."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cityimpact.handprint.calculator.model import Shape, Stage
from cityimpact.handprint.models import HandprintAssessment, InventoryLine
from cityimpact.handprint.selectors import factor_list

ASSESSMENT_FIELDS = [
    "title_en",
    "title_fi",
    "title_sv",
    "functional_unit_en",
    "functional_unit_fi",
    "functional_unit_sv",
    "baseline_name_en",
    "baseline_name_fi",
    "baseline_name_sv",
    "solution_name_en",
    "solution_name_fi",
    "solution_name_sv",
    "boundary_en",
    "boundary_fi",
    "boundary_sv",
    "data_year",
    "mechanism",
    "kind",
    "units_per_year",
    "start_year",
    "years",
    "storage_kgco2e_per_unit",
    "initiatives",
]


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = HandprintAssessment
        fields = ASSESSMENT_FIELDS
        widgets = {f"boundary_{c}": forms.Textarea(attrs={"rows": 2}) for c in ("en", "fi", "sv")}

    def __init__(self, *args: Any, city: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in (
            "title_en",
            "functional_unit_en",
            "baseline_name_en",
            "solution_name_en",
            "boundary_en",
        ):
            self.fields[name].required = True
        initiatives = self.fields["initiatives"]
        if city is not None and isinstance(initiatives, forms.ModelMultipleChoiceField):
            assert initiatives.queryset is not None
            initiatives.queryset = initiatives.queryset.filter(city=city)
        self.fields["initiatives"].required = False


class InventoryLineForm(forms.Form):
    system = forms.ChoiceField(label=_("System"), choices=InventoryLine.System.choices)
    stage = forms.ChoiceField(label=_("Stage"), choices=[(s.value, s.value) for s in Stage])
    factor = forms.ChoiceField(label=_("Factor"))
    amount = forms.FloatField(label=_("Amount"), min_value=0)
    unit = forms.CharField(label=_("Unit"), max_length=20)
    label = forms.CharField(label=_("Label"), max_length=200, required=False)
    shape = forms.ChoiceField(
        label=_("Uncertainty"), choices=[(s.value, s.value) for s in Shape], initial="exact"
    )
    low = forms.FloatField(label=_("Low"), required=False)
    high = forms.FloatField(label=_("High"), required=False)
    sd = forms.FloatField(label=_("Standard deviation"), required=False, min_value=0)
    gsd = forms.FloatField(label=_("Geometric standard deviation"), required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        factor = self.fields["factor"]
        assert isinstance(factor, forms.ChoiceField)
        factor.choices = [
            (f.pk, f"{f.key} v{f.version} — {f.kgco2e_per_unit} kg CO2e/{f.unit}")
            for f in factor_list()
        ]


class FactorChangesForm(forms.Form):
    factor_changes = forms.CharField(
        label=_("Factors that change over the years"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: factor key, year, new value; for example "
            "fi_elec_avg_consumption_syke 2030 0.10"
        ),
    )


InventoryFormSet = forms.formset_factory(InventoryLineForm, extra=2, can_delete=True, max_num=60)
