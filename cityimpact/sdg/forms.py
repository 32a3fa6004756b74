"""Forms of the SDG pages. They validate input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cityimpact.sdg.models import Contribution, Goal, Review, ReviewParticipant, SdgLink


class SdgLinkForm(forms.Form):
    target_code = forms.CharField(
        label=_("Target code"), max_length=8, required=False, help_text=_("For example 11.6")
    )
    indicator_code = forms.CharField(
        label=_("Global indicator code"),
        max_length=12,
        required=False,
        help_text=_("Optional, for example 11.6.1"),
    )
    kind = forms.ChoiceField(label=_("Kind of link"), choices=SdgLink.Kind.choices)
    rationale = forms.CharField(
        label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class IndicatorValueForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.DecimalField(label=_("Value"), max_digits=16, decimal_places=3)
    unit = forms.CharField(label=_("Unit"), max_length=50)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)


# Who people say they are when they take part; staff and experts are known by their role.
SELF_DECLARED_GROUPS = [
    (ReviewParticipant.Group.RESIDENT, _("Resident")),
    (ReviewParticipant.Group.YOUTH, _("Young person")),
    (ReviewParticipant.Group.PARTNER, _("Partner")),
]


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Contribution.Kind.choices)
    group = forms.ChoiceField(
        label=_("I take part as"),
        choices=SELF_DECLARED_GROUPS,
        initial=ReviewParticipant.Group.RESIDENT,
        required=False,
        help_text=_("City staff and SDG experts take part in their role."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"),
        queryset=Goal.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_codes = forms.CharField(
        label=_("Target codes"),
        required=False,
        help_text=_("Optional, separated by commas, for example 11.6, 13.2"),
    )
    evidence = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Web addresses, one per line."),
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "declared_group": data.get("group") or None,
            "title": data["title"],
            "text": data["text"],
            "date": data["date"],
            "goal_numbers": [goal.number for goal in data["goals"]],
            "target_codes": [
                c for c in data["target_codes"].replace(";", ",").split(",") if c.strip()
            ],
            "evidence": [line.strip() for line in data["evidence"].splitlines() if line.strip()],
        }


class EvaluationForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        choices=[
            (0, _("0 – no contribution")),
            (1, _("1 – weak")),
            (2, _("2 – clear")),
            (3, _("3 – strong and evidenced")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Review.Phase.choices)
