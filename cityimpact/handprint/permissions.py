"""Who may see and change handprint assessments. Published results are public; drafts and
those in review only for the city's staff and administrators, who also edit and publish."""

from __future__ import annotations

from typing import Any

from cityimpact.accounts.roles import user_is_admin, user_is_staff_of
from cityimpact.handprint.models import HandprintAssessment


def can_manage_handprints(*, user: Any, city_id: int | None) -> bool:
    return user_is_admin(user=user) or user_is_staff_of(user=user, city_id=city_id)


def can_view_assessment(*, user: Any, assessment: HandprintAssessment) -> bool:
    return assessment.status == HandprintAssessment.Status.PUBLISHED or can_manage_handprints(
        user=user, city_id=assessment.city_id
    )
