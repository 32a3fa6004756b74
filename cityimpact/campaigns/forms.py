"""Forms of open campaigns. A hidden honeypot field catches bots that fill every field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cityimpact.campaigns.models import Experiment, Proposal
from cityimpact.sdg.selectors import goal_list


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(
            attrs={"class": "honeypot-input", "tabindex": "-1", "autocomplete": "off"}
        ),
    )

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website", "")
        if value:
            raise forms.ValidationError(_("This form was not filled in by a person."))
        return value


class ProposalForm(HoneypotMixin, forms.ModelForm):
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("An image (PNG, JPEG) or a PDF, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.pdf"}),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals it serves"),
        queryset=goal_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Proposal
        fields = ["title", "description", "problem", "beneficiaries", "place", "goals"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "problem": forms.Textarea(attrs={"rows": 3}),
        }


class CommentForm(HoneypotMixin):
    text = forms.CharField(
        label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AnswerForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Proposal.State.EVALUATING, Proposal.State.EVALUATING.label),
            (Proposal.State.ACCEPTED, Proposal.State.ACCEPTED.label),
            (Proposal.State.REJECTED, Proposal.State.REJECTED.label),
            (Proposal.State.SELECTED, Proposal.State.SELECTED.label),
        ],
    )
    answer = forms.CharField(
        label=_("Public answer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExperimentForm(forms.ModelForm):
    kpi_name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    kpi_unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    kpi_target = forms.FloatField(label=_("Target"), required=False)

    class Meta:
        model = Experiment
        fields = ["responsible_unit", "partners", "budget_eur", "starts", "ends", "initiative"]
        widgets = {
            "starts": forms.DateInput(attrs={"type": "date"}),
            "ends": forms.DateInput(attrs={"type": "date"}),
        }

    def kpis(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        if data.get("kpi_name") and data.get("kpi_target") is not None:
            return [
                {
                    "name": data["kpi_name"],
                    "unit": data.get("kpi_unit", ""),
                    "target": data["kpi_target"],
                }
            ]
        return []

    def experiment_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StatusUpdateForm(forms.Form):
    text = forms.CharField(
        label=_("Update"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class ResultsForm(forms.Form):
    learned = forms.CharField(label=_("What was learned"), widget=forms.Textarea(attrs={"rows": 4}))
    scales = forms.NullBooleanField(label=_("Worth scaling up?"), required=False)

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kpi in experiment.kpis.all():
            self.fields[f"kpi_{kpi.pk}"] = forms.FloatField(
                label=_("{name}: achieved").format(name=kpi.name), required=False
            )

    def achieved(self) -> dict[int, float]:
        return {
            int(name.split("_")[1]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("kpi_") and value is not None
        }
