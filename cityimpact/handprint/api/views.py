"""API of the handprint app under /api/v1/handprint/."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cityimpact.handprint.api.serializers import (
    AssessmentSerializer,
    CalculationSerializer,
    EmissionFactorSerializer,
)
from cityimpact.handprint.calculations import CalculationError, calculate_payload
from cityimpact.handprint.models import EmissionFactor, HandprintAssessment
from cityimpact.handprint.selectors import assessment_result, factor_list
from cityimpact.portfolio.permissions import editable_city_ids

EXAMPLE = {
    "functional_unit": "1 MJ of diesel fuel",
    "baseline": {
        "name": "Diesel on the Finnish market (12 % bio)",
        "inputs": [
            {"stage": "use", "factor": "diesel_fossil_wtw", "amount": 0.88, "unit": "MJ"},
            {
                "stage": "use",
                "factor": "hvo_renewable_diesel_component",
                "amount": 0.12,
                "unit": "MJ",
            },
        ],
    },
    "solution": {
        "name": "Renewable diesel",
        "inputs": [
            {"stage": "use", "factor": "hvo_renewable_diesel_component", "amount": 1, "unit": "MJ"}
        ],
    },
    "scaling": {"units_per_year": 1000000, "start_year": 2025, "years": 3},
    "monte_carlo": {"draws": 10000, "seed": 1},
}


class EmissionFactorViewSet(viewsets.ReadOnlyModelViewSet):
    """The factor library: the latest version of each factor (`?all=1` lists every version)."""

    serializer_class = EmissionFactorSerializer
    filterset_fields = ["category", "key", "unit"]

    def get_queryset(self) -> QuerySet[EmissionFactor]:
        return factor_list(current_only=self.request.query_params.get("all") != "1")


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Published assessments (and, for a city's staff, its drafts). `result` calculates one."""

    serializer_class = AssessmentSerializer
    filterset_fields = ["mechanism", "kind", "status"]

    def get_queryset(self) -> QuerySet[HandprintAssessment]:
        visible = Q(status=HandprintAssessment.Status.PUBLISHED)
        city_ids = editable_city_ids(user=self.request.user)
        if city_ids is None:
            visible = Q()
        elif city_ids:
            visible |= Q(city__in=city_ids)
        return (
            HandprintAssessment.objects.filter(visible)
            .select_related("city")
            .prefetch_related("initiatives")
            .order_by("pk")
        )

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def result(self, request: Request, pk: str | None = None) -> Response:
        return Response(assessment_result(assessment=self.get_object()))


class CalculateView(APIView):
    """Calculate a handprint without saving anything."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        request=CalculationSerializer,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "Renewable diesel against market diesel", value=EXAMPLE, request_only=True
            )
        ],
        description=(
            "Takes an assessment (functional unit, baseline and solution inventories referring to "
            "library factors, optional scaling and Monte Carlo settings) and returns the "
            "footprints, the handprint per functional unit and per year, and its uncertainty. "
            "Bad input (negative amounts, unknown factors, incompatible units, a missing "
            "baseline) gets a 400 naming the field."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = CalculationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            result: dict[str, Any] = calculate_payload(serializer.validated_data)
        except CalculationError as error:
            return Response(error.errors, status=400)
        try:  # figures too large for a float are not JSON: say so instead of a 500
            json.dumps(result, allow_nan=False)
        except ValueError:
            return Response({"scaling": ["The result is too large to express."]}, status=400)
        return Response(result)
