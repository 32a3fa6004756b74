"""Forms of open campaigns. A hidden honeypot field catches bots that fill every field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cityimpact.campaigns.models import Proposal
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
