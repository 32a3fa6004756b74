"""Background work of the SDG app."""

from __future__ import annotations

import logging

from celery import shared_task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from cityimpact.core.services import job_finish, job_progress
from cityimpact.sdg.models import Review
from cityimpact.sdg.reports import report_html, report_pdf_path

logger = logging.getLogger(__name__)


@shared_task
def review_report_pdf_task(*, job_id: str, review_id: int, language: str) -> None:
    """Render the review report in `language` and write it as a PDF the job page links to."""
    import weasyprint

    try:
        with translation.override(language):
            review = Review.objects.select_related("city").get(pk=review_id)
            job_progress(job_id=job_id, done=1, total=3, message=gettext_noop("Gathering the data"))
            html = report_html(review=review)
            job_progress(
                job_id=job_id, done=2, total=3, message=gettext_noop("Typesetting the PDF")
            )
            weasyprint.HTML(string=html).write_pdf(report_pdf_path(job_id=job_id))
            url = reverse("sdg:report_pdf", kwargs={"job_id": job_id})
    except Exception as error:  # the job page must say it failed rather than wait forever
        job_finish(job_id=job_id, error=f"The report could not be made: {error}")
        raise
    job_finish(job_id=job_id, result={"url": url, "review": review.slug, "language": language})


@shared_task
def classify_documents_task(*, job_id: str, language: str | None = None) -> None:
    """Classify the documents a person uploaded (saved as JSON next to the job's CSV) one by
    one, with progress, and write a CSV of per-goal scores and asserted goals."""
    from cityimpact.sdg.batch import batch_classify, batch_input_path

    try:
        batch_classify(job_id=job_id, language=language)
    except Exception:  # the job page must say it failed rather than wait forever
        logger.exception("SDG batch %s failed", job_id)
        # Stored in English and translated where the job page shows it (the worker does not
        # know the language of the person who is waiting).
        job_finish(job_id=job_id, error=gettext_noop("The documents could not be classified."))
        raise
    finally:
        batch_input_path(job_id=job_id).unlink(missing_ok=True)  # never keep the texts
