"""Background work of the portfolio, run by Celery (in-process when no broker is set)."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from cityimpact.core.services import job_finish, job_progress
from cityimpact.portfolio.services.imports import ImportFailed, initiatives_import_csv


@shared_task
def initiatives_import_task(*, job_id: str, user_id: int, content: str) -> None:
    """Import a CSV file for a user and record the outcome on the job the page polls."""
    user = get_user_model().objects.get(pk=user_id)
    job_progress(job_id=job_id, done=0, total=1)
    try:
        result = initiatives_import_csv(actor=user, content=content)
    except ImportFailed as failure:
        job_finish(
            job_id=job_id,
            result={"errors": [e.as_dict() for e in failure.errors]},
            error=str(failure),
        )
        return
    except Exception:
        # The page polls until the job ends: it must never be left "running".
        job_finish(job_id=job_id, error="The import failed unexpectedly; nothing was saved.")
        raise
    job_finish(
        job_id=job_id,
        result={"created": result.created, "updated": result.updated, "slugs": result.slugs},
    )
