"""POST /api/v1/sdg/classify: SDG goal and target suggestions for texts."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from cityimpact.sdg.classifier.language import LANGUAGES
from cityimpact.sdg.classifier.passages import clean_text
from cityimpact.sdg.services.classification import (
    WEB_WAIT_SECONDS,
    ClassifierBusy,
    classifier_get,
    texts_classify,
)

MAX_TEXTS = 32
MAX_CHARACTERS = 10_000  # per text
MAX_TOTAL_CHARACTERS = 60_000  # per request: a few seconds of work on two cores


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                    "text": {"type": "string"},
                },
                "required": ["text"],
            },
        ]
    }
)
class _TextItem(serializers.Field):
    """A text: a string, or {"id": ..., "text": ...} to get the id back in the result."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, str):
            return {"id": None, "text": clean_text(data)}
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            identifier = data.get("id")
            if identifier is not None and not isinstance(identifier, str | int):
                raise serializers.ValidationError(_('"id" must be a string or a number.'))
            if isinstance(identifier, str):
                identifier = clean_text(identifier)  # it is echoed back: no lone surrogates
            return {"id": identifier, "text": clean_text(data["text"])}
        raise serializers.ValidationError(_('Each text must be a string or {"id", "text"}.'))

    def to_representation(self, value: Any) -> Any:
        return value


class ClassifyRequestSerializer(serializers.Serializer[Any]):
    texts = serializers.ListField(child=_TextItem(), min_length=1, max_length=MAX_TEXTS)
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, allow_null=True)
    targets = serializers.IntegerField(min_value=0, max_value=20, default=5)

    def validate_texts(self, texts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for number, item in enumerate(texts):
            if len(item["text"]) > MAX_CHARACTERS:
                raise serializers.ValidationError(
                    _(
                        "Text {number} has {count} characters; the limit is {limit}. Split "
                        "it, or use the document page or the command."
                    ).format(number=number, count=len(item["text"]), limit=MAX_CHARACTERS)
                )
        total = sum(len(item["text"]) for item in texts)
        if total > MAX_TOTAL_CHARACTERS:
            raise serializers.ValidationError(
                _("The texts have {count} characters together; the limit is {limit}.").format(
                    count=total, limit=MAX_TOTAL_CHARACTERS
                )
            )
        return texts


_RESULT = inline_serializer(
    "SdgClassification",
    {
        "model": serializers.CharField(),
        "results": serializers.ListField(child=serializers.DictField()),
    },
)


class ClassifyAnonThrottle(AnonRateThrottle):
    scope = "classify_anon"  # visitors without an account, per address


class ClassifyUserThrottle(UserRateThrottle):
    scope = "classify"  # per account (and per address for visitors)


class ClassifyView(APIView):
    """Suggest the goals and targets that texts address, with evidence.

    Each result has the text's `id` (or its position), the detected or given `language`, a
    calibrated `score` per goal in `scores`, the asserted `goals` (score at or above the
    goal's threshold) with the passages and words that carried them, and the top `targets`."""

    permission_classes = [permissions.AllowAny]
    throttle_classes = [ClassifyAnonThrottle, ClassifyUserThrottle]

    @extend_schema(
        request=ClassifyRequestSerializer,
        responses={200: _RESULT},
        examples=[
            OpenApiExample(
                "Two texts",
                value={"texts": ["Aurinkopaneelit koulujen katoille.", "Solar heat for homes."]},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        incoming = ClassifyRequestSerializer(data=request.data)
        if not incoming.is_valid():
            return Response(incoming.errors, status=status.HTTP_400_BAD_REQUEST)
        texts = incoming.validated_data["texts"]
        classifier = classifier_get()
        try:
            results = texts_classify(
                texts=[item["text"] for item in texts],
                language=incoming.validated_data.get("language"),
                targets=incoming.validated_data["targets"],
                wait=WEB_WAIT_SECONDS,
            )
        except ClassifierBusy:
            return Response(
                {"detail": _("The classifier is busy. Please try again in a minute.")},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": "60"},
            )
        rows = [
            {"id": item["id"] if item["id"] is not None else number, **result.as_dict()}
            for number, (item, result) in enumerate(zip(texts, results, strict=True))
        ]
        return Response({"model": classifier.version, "results": rows})
