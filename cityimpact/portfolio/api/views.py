"""API views: validate with a serializer, call a selector or service, serialise the result."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from cityimpact.core.caching import (
    cached_response_get,
    cached_response_key,
    cached_response_set,
)
from cityimpact.core.models import City, Organisation
from cityimpact.portfolio import selectors
from cityimpact.portfolio.api import serializers as s
from cityimpact.portfolio.forms import InitiativeFilterForm
from cityimpact.portfolio.models import Adoption, Initiative, Network, Outcome, Programme
from cityimpact.portfolio.services import (
    adoption_create,
    adoption_delete,
    adoption_update,
    initiative_create,
    initiative_delete,
    initiative_update,
    outcome_create,
    outcome_delete,
    outcome_update,
)
from cityimpact.portfolio.services.imports import ImportFailed, initiatives_import_csv
from cityimpact.portfolio.services.reference import reference_delete, reference_save


def _as_api_error(error: DjangoValidationError) -> serializers.ValidationError:
    detail = error.message_dict if hasattr(error, "error_dict") else error.messages
    return serializers.ValidationError(detail)


def _refuse_move(instance: Model | None, initiative: Initiative | None) -> None:
    """Outcomes and adoptions stay with their initiative (whose city decides who edits)."""
    if instance is not None and initiative is not None and initiative.pk != instance.initiative_id:  # type: ignore[attr-defined]
        raise serializers.ValidationError(
            {"initiative": ["An outcome or adoption cannot move to another initiative."]}
        )


class _PublicReadCache:
    """Anonymous list and detail reads are served from the public cache (core/caching.py).

    The lookup happens inside list/retrieve, after DRF's authentication and throttling."""

    def _cached(self, request: Request, read: Any, *args: Any, **kwargs: Any) -> Any:
        key = cached_response_key(request, variant=f"api:{request.accepted_renderer.format}")
        hit = cached_response_get(key)
        if hit is not None:
            return hit
        response = read(request, *args, **kwargs)
        response.cityimpact_cache_key = key
        return response

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return self._cached(request, super().list, *args, **kwargs)  # type: ignore[misc]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return self._cached(request, super().retrieve, *args, **kwargs)  # type: ignore[misc]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        key = getattr(response, "cityimpact_cache_key", None)
        if key:
            response.render()
            cached_response_set(key, response, request)
        return response


class _WriteThroughServices(
    _PublicReadCache,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Read like a model viewset; write by handing validated data to a service."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def service_save(
        self, serializer: serializers.ModelSerializer, instance: Model | None
    ) -> Model:
        raise NotImplementedError

    def service_delete(self, instance: Model) -> None:
        raise NotImplementedError

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = self.service_save(serializer, None)
        except DjangoValidationError as error:
            raise _as_api_error(error) from error

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = self.service_save(serializer, serializer.instance)
        except DjangoValidationError as error:
            raise _as_api_error(error) from error

    def perform_destroy(self, instance: Model) -> None:
        self.service_delete(instance)


class _ReferenceViewSet(_WriteThroughServices):
    lookup_field = "slug"

    def service_save(self, serializer: Any, instance: Model | None) -> Model:
        target = instance if instance is not None else serializer.Meta.model()
        data = {k: v for k, v in serializer.validated_data.items()}
        return reference_save(actor=self.request.user, instance=target, data=data)

    def service_delete(self, instance: Model) -> None:
        reference_delete(actor=self.request.user, instance=instance)


class CityViewSet(_ReferenceViewSet):
    """Cities and regions: tenants and the partners and adopters of their initiatives."""

    queryset = City.objects.order_by("slug")
    serializer_class = s.CitySerializer
    filterset_fields = ["country", "is_tenant"]


class OrganisationViewSet(_ReferenceViewSet):
    """Companies, universities, institutes, NGOs, public bodies and funders."""

    queryset = Organisation.objects.select_related("city").order_by("slug")
    serializer_class = s.OrganisationSerializer
    filterset_fields = ["kind", "country"]


class ProgrammeViewSet(_ReferenceViewSet):
    """Funding programmes."""

    queryset = Programme.objects.select_related("funder").order_by("slug")
    serializer_class = s.ProgrammeSerializer
    filterset_fields = ["kind"]


class NetworkViewSet(_ReferenceViewSet):
    """Networks of cities and organisations."""

    queryset = Network.objects.order_by("slug")
    serializer_class = s.NetworkSerializer


INITIATIVE_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Full-text search (all languages)."),
    OpenApiParameter("theme", OpenApiTypes.STR, description="Theme slug."),
    OpenApiParameter("programme", OpenApiTypes.STR, description="Programme slug."),
    OpenApiParameter("status", OpenApiTypes.STR, enum=Initiative.Status.values),
    OpenApiParameter("year", OpenApiTypes.INT, description="Active in this year."),
    OpenApiParameter("partner", OpenApiTypes.STR, description="Organisation slug."),
    OpenApiParameter("city", OpenApiTypes.STR, description="Owning or partner city slug."),
    OpenApiParameter("network", OpenApiTypes.STR, description="Network slug."),
]


@extend_schema_view(list=extend_schema(parameters=INITIATIVE_FILTERS))
class InitiativeViewSet(_WriteThroughServices):
    """Initiatives of every city. Anyone reads; a city's staff write that city's initiatives."""

    serializer_class = s.InitiativeSerializer
    filter_backends: list[Any] = []  # the selector filters, as on the list page
    throttle_scope = "import"  # read only by the ScopedRateThrottle of the import action

    def get_queryset(self) -> QuerySet[Initiative]:
        filters = InitiativeFilterForm(self.request.query_params).filters()
        return selectors.initiative_list(filters=filters).prefetch_related(
            "places", "cities", "networks", "participations__organisation"
        )

    def service_save(self, serializer: Any, instance: Model | None) -> Model:
        data = serializer.service_data()
        if instance is None:
            city = serializer.validated_data["city"]
            return initiative_create(actor=self.request.user, city=city, data=data)
        assert isinstance(instance, Initiative)
        if (
            "city" in serializer.validated_data
            and serializer.validated_data["city"] != instance.city
        ):
            raise serializers.ValidationError(
                {"city": ["An initiative cannot move to another city."]}
            )
        return initiative_update(actor=self.request.user, initiative=instance, data=data)

    def service_delete(self, instance: Model) -> None:
        assert isinstance(instance, Initiative)
        initiative_delete(actor=self.request.user, initiative=instance)

    @extend_schema(
        request={"text/csv": OpenApiTypes.BINARY, "multipart/form-data": OpenApiTypes.BINARY},
        responses={
            201: s.ImportResultSerializer,
            400: inline_serializer(
                "ImportFailed",
                {"detail": serializers.CharField(), "errors": s.ImportErrorSerializer(many=True)},
            ),
        },
        description="Create or update initiatives from a CSV file (the export's columns). "
        "All or nothing: any bad row rejects the file and lists every problem.",
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[parsers.MultiPartParser, parsers.FileUploadParser],
        throttle_classes=[ScopedRateThrottle],
    )
    def import_csv(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            return Response(
                {"detail": "Send the CSV as the 'file' field.", "errors": []},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            result = initiatives_import_csv(actor=request.user, content=upload.read())
        except ImportFailed as failure:
            return Response(
                {"detail": str(failure), "errors": [e.as_dict() for e in failure.errors]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(s.ImportResultSerializer(result).data, status=status.HTTP_201_CREATED)


class OutcomeViewSet(_WriteThroughServices):
    """Measured results of initiatives. Filter by `initiative` (id)."""

    queryset = Outcome.objects.order_by("initiative_id", "metric", "year", "pk")
    serializer_class = s.OutcomeSerializer
    filterset_fields = ["initiative", "year"]

    def service_save(self, serializer: Any, instance: Model | None) -> Model:
        data = dict(serializer.validated_data)
        initiative = data.pop("initiative", None)
        _refuse_move(instance, initiative)
        if instance is None:
            return outcome_create(actor=self.request.user, initiative=initiative, data=data)
        assert isinstance(instance, Outcome)
        return outcome_update(actor=self.request.user, outcome=instance, data=data)

    def service_delete(self, instance: Model) -> None:
        assert isinstance(instance, Outcome)
        outcome_delete(actor=self.request.user, outcome=instance)


class AdoptionViewSet(_WriteThroughServices):
    """Cities, regions and organisations that took an initiative's model up."""

    queryset = Adoption.objects.select_related("city", "organisation").order_by("pk")
    serializer_class = s.AdoptionSerializer
    filterset_fields = ["initiative"]

    def service_save(self, serializer: Any, instance: Model | None) -> Model:
        data = dict(serializer.validated_data)
        initiative = data.pop("initiative", None)
        _refuse_move(instance, initiative)
        if instance is None:
            return adoption_create(actor=self.request.user, initiative=initiative, data=data)
        assert isinstance(instance, Adoption)
        return adoption_update(actor=self.request.user, adoption=instance, data=data)

    def service_delete(self, instance: Model) -> None:
        assert isinstance(instance, Adoption)
        adoption_delete(actor=self.request.user, adoption=instance)
