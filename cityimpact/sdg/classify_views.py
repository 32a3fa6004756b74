"""Pages of the SDG classifier: suggestions on the city's texts (accept or reject each) and a
page that classifies pasted text or uploaded documents, one now or a batch in the background."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityimpact.core.ratelimit import rate_limit_exceeded
from cityimpact.core.services import job_create
from cityimpact.core.views import job_of_kind_or_404
from cityimpact.sdg import selectors
from cityimpact.sdg.batch import batch_csv_path, batch_save
from cityimpact.sdg.classifier.passages import clean_text
from cityimpact.sdg.documents import MAX_BYTES as MAX_DOCUMENT_BYTES
from cityimpact.sdg.documents import DocumentError, document_text
from cityimpact.sdg.models import SdgLink, SdgSuggestion
from cityimpact.sdg.permissions import can_review_suggestions
from cityimpact.sdg.services.classification import (
    INTERACTIVE_PASSAGES,
    WEB_WAIT_SECONDS,
    ClassifierBusy,
    classifier_get,
    texts_classify,
)
from cityimpact.sdg.services.suggestions import suggestion_decide, suggestions_refresh
from cityimpact.sdg.tasks import classify_documents_task

MAX_PASTED_CHARACTERS = 100_000
# Each language in its own name, as in the language switcher.
LANGUAGE_NAMES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
MAX_BATCH_DOCUMENTS = 50
MAX_BATCH_BYTES = 50 * 1024 * 1024
LIMITS = {"classify": (30, 600), "batch": (5, 3600), "suggest": (60, 600)}


def _limited(request: HttpRequest, action: str) -> bool:
    limit, window = LIMITS[action]
    return rate_limit_exceeded(
        action=f"sdg-{action}", who=str(request.user.pk), limit=limit, window_seconds=window
    )


# Suggestions -------------------------------------------------------------------------------


def _source_or_404(request: HttpRequest, source: str, pk: int) -> selectors.SuggestionSource:
    try:
        found = selectors.suggestion_source_get(source_type=source, source_id=pk)
    except LookupError as missing:
        raise Http404 from missing
    if not can_review_suggestions(user=request.user, city_id=found.city_id, source_type=found.type):
        raise PermissionDenied
    return found


def _suggestions_context(source: selectors.SuggestionSource) -> dict[str, Any]:
    suggestions = list(selectors.suggestion_list(source_type=source.type, source_id=source.id))
    targets = selectors.targets_by_goal(goal_ids={s.goal_id for s in suggestions})
    for suggestion in suggestions:
        suggestion.target_choices = targets.get(suggestion.goal_id, [])  # type: ignore[attr-defined]
        suggestion.is_stale = suggestion.text_fingerprint not in ("", source.fingerprint)  # type: ignore[attr-defined]
    return {
        "source": source,
        "source_kind": SdgSuggestion.Source(source.type).label,
        "suggestions": suggestions,
        "links_to_targets": source.type
        in {
            SdgSuggestion.Source.INITIATIVE,
            SdgSuggestion.Source.LOCAL_GOAL,
            SdgSuggestion.Source.LOCAL_INDICATOR,
        },
        "chooses_target": source.type != SdgSuggestion.Source.PROPOSAL,
        "kinds": SdgLink.Kind.choices,
        "model_version": classifier_get().version,
    }


def _render_suggestions(
    request: HttpRequest, source: selectors.SuggestionSource, *, status: int = 200
) -> HttpResponse:
    htmx = bool(request.headers.get("HX-Request"))
    template = "sdg/partials/suggestions.html" if htmx else "sdg/suggestions.html"
    # A swapped-in partial shows its own messages; a full page shows them in the layout.
    context = {**_suggestions_context(source), "show_messages": htmx}
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, source: str, pk: int) -> HttpResponse:
    """GET: the text and its suggestions. POST: ask the classifier again."""
    found = _source_or_404(request, source, pk)
    if request.method == "POST":
        if _limited(request, "suggest"):
            messages.error(request, _("Too many in a short time. Please wait a moment."))
        else:
            try:
                suggestions = suggestions_refresh(actor=request.user, source=found)
            except ClassifierBusy:
                messages.error(request, _("The classifier is busy. Please try again in a minute."))
            else:
                if not any(s.status == SdgSuggestion.Status.PENDING for s in suggestions):
                    messages.info(request, _("The classifier found no new goals in this text."))
        if not request.headers.get("HX-Request"):
            return redirect("sdg:suggest", source=source, pk=pk)
    return _render_suggestions(request, found)


@login_required
@require_POST
def suggestion_decision(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        suggestion = selectors.suggestion_get(pk=pk)
    except SdgSuggestion.DoesNotExist as missing:
        raise Http404 from missing
    found = _source_or_404(request, suggestion.source_type, int(suggestion.source_id))
    decision = request.POST.get("decision")
    kind = request.POST.get("kind", SdgLink.Kind.DIRECT)
    if decision not in ("accept", "reject") or kind not in SdgLink.Kind.values:
        messages.error(request, _("Choose to accept or reject, and a valid kind of link."))
        return _render_suggestions(request, found, status=400)
    accept = decision == "accept"
    try:
        suggestion_decide(
            actor=request.user,
            source=found,
            suggestion=suggestion,
            accept=accept,
            target_code=request.POST.get("target", ""),
            kind=kind,
        )
    except SdgSuggestion.DoesNotExist:  # a colleague's refresh removed it meanwhile
        messages.error(request, _("This suggestion is no longer there; the list is updated."))
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Accepted.") if accept else _("Rejected."))
    if not request.headers.get("HX-Request"):
        return redirect("sdg:suggest", source=found.type, pk=found.id)
    return _render_suggestions(request, found)


# Classifying texts and documents ----------------------------------------------------------


def _read_upload(upload: Any) -> str:
    """The upload's text; its size is checked before it is read into memory."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            _("{name} is larger than {size} MB.").format(
                name=upload.name, size=MAX_DOCUMENT_BYTES // 2**20
            )
        )
    return document_text(name=upload.name, data=upload.read())


class ClassifyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        max_length=MAX_PASTED_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    document = forms.FileField(
        label=gettext_lazy("Or a document (PDF, DOCX or TXT)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt,text/plain"}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("Detect")), *LANGUAGE_NAMES],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("document")
        if upload:  # a file (False when the clear box is ticked, None when there is none)
            try:
                data["text"] = _read_upload(upload)
            except DocumentError as problem:
                raise ValidationError({"document": str(problem)}) from None
        if not (data.get("text") or "").strip():
            raise ValidationError(_("Paste a text or choose a document."))
        return data


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    """Several files in one field (the pattern of Django's documentation)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _MultipleFileInput(attrs={"accept": ".pdf,.docx,.txt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        return [super(_MultipleFileField, self).clean(item, initial) for item in items]


class BatchForm(forms.Form):
    documents = _MultipleFileField(label=gettext_lazy("Documents (PDF, DOCX or TXT)"))
    language = ClassifyForm.base_fields["language"]

    def clean_documents(self) -> list[dict[str, str]]:
        uploads = self.cleaned_data["documents"]
        if len(uploads) > MAX_BATCH_DOCUMENTS:
            raise ValidationError(
                _("Choose at most {count} documents at a time.").format(count=MAX_BATCH_DOCUMENTS)
            )
        if sum(upload.size for upload in uploads) > MAX_BATCH_BYTES:
            raise ValidationError(
                _("The documents are larger than {size} MB together.").format(
                    size=MAX_BATCH_BYTES // 2**20
                )
            )
        documents, problems = [], []
        for upload in uploads:
            try:
                text = _read_upload(upload)
            except DocumentError as problem:
                problems.append(str(problem))
            else:
                documents.append({"name": clean_text(upload.name), "text": text})
        if problems:
            raise ValidationError(problems)
        return documents


@login_required
@require_http_methods(["GET", "POST"])
def classify(request: HttpRequest) -> HttpResponse:
    """Classify one pasted text or document now, with the evidence highlighted."""
    limited = request.method == "POST" and _limited(request, "classify")
    # A rate-limited request gets empty forms: a bound form would still read the uploads.
    form = ClassifyForm() if limited else ClassifyForm(request.POST or None, request.FILES or None)
    result = None
    if limited:
        messages.error(request, _("Too many in a short time. Please wait a moment."))
    elif request.method == "POST" and form.is_valid():
        try:
            (result,) = texts_classify(
                texts=[form.cleaned_data["text"]],
                language=form.cleaned_data["language"] or None,
                targets=5,
                sentence_evidence=True,
                max_passages=INTERACTIVE_PASSAGES,
                wait=WEB_WAIT_SECONDS,
            )
        except ClassifierBusy:
            messages.error(request, _("The classifier is busy. Please try again in a minute."))
    context = {
        "form": form,
        "batch_form": BatchForm(),
        "result": result,
        "goals": {g.number: g for g in selectors.goal_list()},
        "model_version": classifier_get().version,
        "max_documents": MAX_BATCH_DOCUMENTS,
    }
    return render(request, "sdg/classify.html", context)


@login_required
@require_POST
def classify_batch(request: HttpRequest) -> HttpResponse:
    """Start classifying several documents in the background; the job page shows progress."""
    # The limit is counted before the documents are read: reading is the expensive part.
    limited = _limited(request, "batch")
    form = BatchForm() if limited else BatchForm(request.POST, request.FILES)
    if limited or not form.is_valid():
        if limited:
            messages.error(request, _("Too many in a short time. Please wait a moment."))
        context: dict[str, Any] = {
            "form": ClassifyForm(),
            "batch_form": form,
            "result": None,
            "goals": {},
            "model_version": classifier_get().version,
            "max_documents": MAX_BATCH_DOCUMENTS,
        }
        return render(request, "sdg/classify.html", context, status=400)
    documents = form.cleaned_data["documents"]
    job = job_create(kind="sdg.classify", owner=request.user, total=len(documents))
    batch_save(job_id=str(job.pk), documents=documents)
    classify_documents_task.delay(
        job_id=str(job.pk), language=form.cleaned_data["language"] or None
    )
    return redirect(reverse("core:job", kwargs={"job_id": job.pk}))


@login_required
@require_GET
def classify_csv(request: HttpRequest, job_id: str) -> FileResponse:
    job = job_of_kind_or_404(request=request, job_id=job_id, kind="sdg.classify")
    path = batch_csv_path(job_id=str(job.pk))
    if job.state != job.State.DONE or not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"),
        content_type="text/csv",
        as_attachment=True,
        filename="sdg-classification.csv",
    )
