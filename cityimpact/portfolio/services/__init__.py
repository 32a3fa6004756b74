"""Writes of the portfolio. Every change goes through these functions: they check permissions,
validate, save in one transaction and record the change in the audit log."""

from cityimpact.portfolio.services.initiatives import (
    adoption_create,
    adoption_delete,
    adoption_update,
    initiative_create,
    initiative_delete,
    initiative_update,
    lesson_create,
    outcome_create,
    outcome_delete,
    outcome_update,
)

__all__ = [
    "adoption_create",
    "adoption_delete",
    "adoption_update",
    "initiative_create",
    "initiative_delete",
    "initiative_update",
    "lesson_create",
    "outcome_create",
    "outcome_delete",
    "outcome_update",
]
