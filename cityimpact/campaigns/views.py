"""Pages of open campaigns. Each action checks the object it acts on (services do too)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityimpact.accounts.services import user_block
from cityimpact.campaigns import permissions as perms
from cityimpact.campaigns import selectors, services
from cityimpact.campaigns.forms import (
    AnswerForm,
    CommentForm,
    ExperimentForm,
    ProposalForm,
    ReasonForm,
    ResultsForm,
    StatusUpdateForm,
)
from cityimpact.campaigns.models import Attachment, Campaign, Comment, Experiment, Proposal


def _campaign_or_404(request: HttpRequest, city: str, slug: str) -> Campaign:
    campaign: Campaign = get_object_or_404(
        Campaign.objects.select_related("city"), city__slug=city, slug=slug
    )
    if not perms.can_see_campaign(user=request.user, campaign=campaign):
        raise Http404
    return campaign


def _proposal_or_404(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("campaign__city", "author"), pk=pk)
    if not perms.can_see_proposal(user=request.user, proposal=proposal):
        raise Http404  # hidden and draft content is not there for those who may not see it
    return proposal


def _posted_comment(request: HttpRequest, proposal: Proposal) -> Comment | None:
    """The comment a moderation or report form names, on this very proposal, or None when
    the form is about the proposal itself."""
    comment_id = request.POST.get("comment", "")
    if not comment_id:
        return None
    if not (comment_id.isascii() and comment_id.isdigit()):  # "²".isdigit() is True
        raise Http404
    comment: Comment = get_object_or_404(Comment, pk=int(comment_id), proposal=proposal)
    return comment


def _act(request: HttpRequest, action: Callable[[], Any], success: str) -> None:
    """Run a service; its refusal or validation message goes to the page as a message."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You cannot do this."))
    else:
        messages.success(request, success)


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "campaigns/campaign_list.html",
        {"campaigns": selectors.campaign_list(user=request.user)},
    )


@require_GET
def campaign_detail(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, city, slug)
    order = request.GET.get("order", "new")
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "proposals": selectors.proposal_list(campaign=campaign, user=request.user, order=order),
            "order": order,
            "supported": selectors.supported_ids(user=request.user, campaign=campaign),
            "can_propose": perms.can_propose(user=request.user, campaign=campaign),
            "identity_needed": perms.identity_needed(user=request.user, campaign=campaign),
            "can_manage": perms.can_manage_campaign(user=request.user, campaign=campaign),
            "phases": Campaign.Phase.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, city, slug)
    if not perms.can_propose(user=request.user, campaign=campaign):
        raise PermissionDenied(_("This campaign is not collecting proposals."))
    form = ProposalForm(request.POST or None)
    # Similar titles are suggested while the title is typed (duplicate hints).
    form.fields["title"].widget.attrs.update(
        {
            "hx-get": reverse("campaigns:similar", kwargs={"city": city, "slug": slug}),
            "hx-trigger": "keyup changed delay:600ms",
            "hx-target": "#similar",
            "name": "title",
        }
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                actor=request.user,
                campaign=campaign,
                data=form.cleaned_data,
                goals=form.cleaned_data["goals"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "messages", None) or str(error))
        else:
            upload = request.FILES.get("attachment")
            if upload is not None:
                _act(
                    request,
                    lambda: services.attachment_add(
                        actor=request.user, proposal=proposal, upload=upload
                    ),
                    _("The attachment was added."),
                )
            messages.success(request, _("Your proposal is published. Thank you!"))
            return redirect(proposal)
    return render(request, "campaigns/propose.html", {"form": form, "campaign": campaign})


@require_GET
def similar(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    """HTMX: proposals with a similar title, shown while a proposal is written."""
    campaign = _campaign_or_404(request, city, slug)
    title = request.GET.get("title", "")[:150]
    found = selectors.similar_proposals(campaign=campaign, title=title) if len(title) >= 5 else []
    return render(request, "campaigns/partials/similar.html", {"similar": found})


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    campaign = proposal.campaign
    user = request.user
    return render(
        request,
        "campaigns/proposal_detail.html",
        {
            "proposal": proposal,
            "campaign": campaign,
            "threads": selectors.comment_threads(proposal=proposal, user=user),
            "supported": proposal.pk in selectors.supported_ids(user=user, campaign=campaign),
            "can_support": perms.can_support(user=user, proposal=proposal),
            "can_comment": perms.can_comment(user=user, proposal=proposal),
            "can_withdraw": perms.can_withdraw(user=user, proposal=proposal),
            "can_moderate": perms.can_moderate(user=user, campaign=campaign),
            "can_manage": perms.can_manage_campaign(user=user, campaign=campaign),
            "comment_form": CommentForm(),
            "answer_form": AnswerForm(initial={"state": proposal.state, "answer": proposal.answer}),
            "experiment": getattr(proposal, "experiment", None),
            "criteria": campaign.criteria.all(),
            "my_scores": {
                s.criterion_id: s
                for s in proposal.scores.filter(evaluator_id=getattr(user, "pk", None))
            },
            "experiment_form": ExperimentForm(),
            "update_form": StatusUpdateForm(),
            "results_form": ResultsForm(experiment=proposal.experiment)
            if hasattr(proposal, "experiment")
            else None,
        },
    )


@login_required
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    if request.POST.get("remove"):
        _act(
            request,
            lambda: services.support_remove(actor=request.user, proposal=proposal),
            _("Your support was removed."),
        )
    else:
        _act(
            request,
            lambda: services.support_add(actor=request.user, proposal=proposal),
            _("Thank you for your support."),
        )
    return redirect((request.POST.get("back") == "campaign" and proposal.campaign) or proposal)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(proposal)
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
    _act(
        request,
        lambda: services.comment_add(
            actor=request.user, proposal=proposal, text=form.cleaned_data["text"], parent=parent
        ),
        _("Your comment is published."),
    )
    return redirect(proposal)


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    target = _posted_comment(request, proposal)
    _act(
        request,
        lambda: services.report_add(
            actor=request.user,
            reason=request.POST.get("reason", ""),
            proposal=None if target else proposal,
            comment=target,
        ),
        _("Thank you. A moderator will look at it."),
    )
    return redirect(proposal)


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    target = _posted_comment(request, proposal)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _act(
        request,
        lambda: services.moderation_set(
            actor=request.user,
            hidden=request.POST.get("hidden") == "1",
            reason=reason,
            proposal=None if target else proposal,
            comment=target,
        ),
        _("The moderation was saved."),
    )
    return redirect(proposal)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    _act(
        request,
        lambda: services.proposal_withdraw(
            actor=request.user, proposal=proposal, reason=request.POST.get("reason", "")
        ),
        _("Your proposal was withdrawn."),
    )
    return redirect(proposal)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.answer_prepare(
                actor=request.user, proposal=proposal, **form.cleaned_data
            ),
            _("The answer is prepared; publish the answers together when they are ready."),
        )
    return redirect(proposal)


@login_required
@require_POST
def publish_answers(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, city, slug)
    _act(
        request,
        lambda: services.answers_publish(actor=request.user, campaign=campaign),
        _("The answers are published."),
    )
    return redirect(campaign)


@login_required
@require_POST
def phase(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, city, slug)
    _act(
        request,
        lambda: services.campaign_phase_set(
            actor=request.user, campaign=campaign, phase=request.POST.get("phase", "")
        ),
        _("The phase was changed."),
    )
    return redirect(campaign)


@login_required
@require_POST
def experiment_start(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    form = ExperimentForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(str(e) for e in errors)}")
        return redirect(proposal)
    _act(
        request,
        lambda: services.experiment_start(
            actor=request.user, proposal=proposal, data=form.experiment_data(), kpis=form.kpis()
        ),
        _("The experiment has started."),
    )
    return redirect(proposal)


@login_required
@require_POST
def experiment_update(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    experiment = get_object_or_404(Experiment, proposal=proposal)
    form = StatusUpdateForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.experiment_update_add(
                actor=request.user, experiment=experiment, **form.cleaned_data
            ),
            _("The update is published."),
        )
    return redirect(proposal)


@login_required
@require_POST
def experiment_results(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    experiment = get_object_or_404(Experiment, proposal=proposal)
    form = ResultsForm(request.POST, experiment=experiment)
    if form.is_valid():
        _act(
            request,
            lambda: services.experiment_results_publish(
                actor=request.user,
                experiment=experiment,
                learned=form.cleaned_data["learned"],
                scales=form.cleaned_data["scales"],
                achieved=form.achieved(),
            ),
            _("The results are published."),
        )
    else:
        messages.error(request, _("Say what was learned."))
    return redirect(proposal)


@require_GET
def export_json(request: HttpRequest, city: str, slug: str) -> JsonResponse:
    campaign = _campaign_or_404(request, city, slug)
    response = JsonResponse(
        selectors.campaign_open_data(campaign=campaign), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}.json"'
    return response


@require_GET
def export_csv(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, city, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}.csv"'
    writer = csv.DictWriter(response, fieldnames=selectors.OPEN_DATA_COLUMNS)
    writer.writeheader()
    writer.writerows(selectors.campaign_open_data_rows(campaign=campaign))
    return response


@login_required
@require_GET
def evaluation(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    campaign = _campaign_or_404(request, city, slug)
    if not perms.can_manage_campaign(user=request.user, campaign=campaign):
        raise PermissionDenied
    return render(
        request,
        "campaigns/evaluation.html",
        {"campaign": campaign, "rows": selectors.evaluation_ranking(campaign=campaign)},
    )


@login_required
@require_POST
def score(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    scores: dict[int, tuple[int, str]] = {}
    for criterion in proposal.campaign.criteria.all():
        raw = request.POST.get(f"score_{criterion.pk}", "")
        if raw.isascii() and raw.isdigit():  # "²".isdigit() is True, but int("²") fails
            scores[criterion.pk] = (int(raw), request.POST.get(f"comment_{criterion.pk}", ""))
    _act(
        request,
        lambda: services.scores_save(actor=request.user, proposal=proposal, scores=scores),
        _("Your evaluation was saved."),
    )
    return redirect(proposal)


@require_GET
def attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """An attachment of a proposal the person may see; never a direct file link."""
    proposal = _proposal_or_404(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_id, proposal=proposal)
    response = FileResponse(
        item.file.open("rb"), content_type=item.content_type, filename=item.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    return response


@login_required
@require_POST
def block_author(request: HttpRequest, pk: int) -> HttpResponse:
    """A moderator blocks the author of a proposal or comment (from its moderation form)."""
    proposal = _proposal_or_404(request, pk)
    comment = _posted_comment(request, proposal)
    author = comment.author if comment else proposal.author
    if author is None:
        raise Http404
    _act(
        request,
        lambda: user_block(actor=request.user, user=author, reason=request.POST.get("reason", "")),
        _("The person is blocked."),
    )
    return redirect(proposal)
