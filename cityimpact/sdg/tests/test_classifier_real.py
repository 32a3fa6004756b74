"""The shipped model with the real multilingual encoder: Finnish, Swedish and English texts
about a topic get its goal; the command and the API work end to end, bad input included."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cityimpact.sdg.classifier.artefact import DEFAULT_DIRECTORY, Artefact
from cityimpact.sdg.services.classification import classifier_get

TOPICAL = [
    (
        "fi",
        (
            "Kaupunki asentaa aurinkopaneeleita koulujen katoille "
            "ja siirtyy uusiutuvaan energiaan kaukolämmössä."
        ),
        7,
    ),
    (
        "sv",
        (
            "Kommunen bygger solcellsanläggningar och byter oljepannor "
            "mot bergvärme för att spara energi."
        ),
        7,
    ),
    (
        "fi",
        (
            "Peruskoulun oppilaat saavat tukiopetusta "
            "lukemiseen, ja opettajille järjestetään täydennyskoulutusta."
        ),
        4,
    ),
    ("sv", "Skolan ger eleverna stödundervisning i läsning och lärarna får fortbildning.", 4),
    (
        "fi",
        (
            "Niittyjen ennallistaminen ja lahopuun lisääminen "
            "metsiin turvaavat uhanalaisten lajien elinympäristöjä."
        ),
        15,
    ),
    (
        "sv",
        (
            "Kommunen skyddar gammal skog och återställer "
            "våtmarker för att bevara den biologiska mångfalden."
        ),
        15,
    ),
    ("en", "The clinic offers free vaccinations and mental health counselling to young people.", 3),
    ("fi", "Itämeren rehevöitymistä torjutaan vähentämällä jätevesien ravinnepäästöjä mereen.", 14),
]


@pytest.fixture(scope="module")
def classifier():
    return classifier_get()


@pytest.mark.parametrize(("language", "text", "goal"), TOPICAL)
def test_topical_texts_get_their_goal(classifier, language, text, goal):
    (result,) = classifier.classify([text])
    assert result.language == language
    assert goal in [g.goal for g in result.goals], result.scores
    assert max(result.scores, key=result.scores.__getitem__) == goal
    # A target of the goal is among the top three (wetlands, say, are also target 6.6).
    assert str(goal) in [code.split(".")[0] for code, _ in result.targets[:3]]


def test_routine_notices_get_no_goal(classifier):
    texts = [
        "Kaupungintalon asiakaspalvelu on suljettu perjantaina.",
        "Stadshusets kundtjänst har stängt på fredag.",
        "The board meeting starts at 5 pm in room 204.",
    ]
    assert [r.goals for r in classifier.classify(texts)] == [[], [], []]


def test_the_shipped_model_is_small_and_records_its_test_figures():
    artefact = Artefact.load()
    folder = DEFAULT_DIRECTORY
    size = sum(path.stat().st_size for path in folder.iterdir())
    assert size < 5 * 1024 * 1024
    assert artefact.metrics["split"] == "test"
    assert set(artefact.metrics) >= {"overall", "en", "fi", "sv"}
    assert artefact.training["passages"] > 2000


def test_the_command_reads_stdin_and_reports_bad_lines(classifier, capsys, monkeypatch):
    lines = "\n".join(
        [
            json.dumps({"id": "x1", "text": "Aurinkosähköä koulujen katoille."}),
            "not json",
            json.dumps({"id": "x3", "text": None}),
        ]
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    with pytest.raises(SystemExit) as exit_info:
        call_command("sdg_classify", "--targets", "2")
    assert exit_info.value.code == 1
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out[0]["id"] == "x1" and out[0]["language"] == "fi" and len(out[0]["targets"]) == 2
    assert out[1] == {"line": 2, "error": out[1]["error"]} and "JSON" in out[1]["error"]
    assert out[2]["id"] == "x3" and "text" in out[2]["error"]


def test_the_command_as_a_process_with_a_file_and_a_language(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "Skolan ger elever stöd i läsning."}) + "\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cityimpact.cli",
            "sdg_classify",
            "--input",
            str(source),
            "--language",
            "sv",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["id"] == 1 and row["language"] == "sv" and 4 in [g["goal"] for g in row["goals"]]
    missing = subprocess.run(
        [sys.executable, "-m", "cityimpact.cli", "sdg_classify", "--input", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert missing.returncode != 0 and "Cannot read" in missing.stderr


@pytest.mark.django_db
def test_the_api_classifies_and_explains(classifier):
    client = APIClient()
    url = reverse("api:sdg-classify")
    response = client.post(
        url,
        {"texts": ["Kommunen skyddar gammal skog och våtmarker.", {"id": "b", "text": "Hello"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["model"] == classifier.version
    first, second = body["results"]
    assert first["id"] == 0 and first["language"] == "sv" and first["goals"][0]["goal"] == 15
    assert first["goals"][0]["evidence"][0]["text"].startswith("Kommunen")
    assert second["id"] == "b" and second["goals"] == []
    assert client.post("/api/v1/sdg/classify/", {"texts": ["x"]}, format="json").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "texts"),
        ({"texts": []}, "texts"),
        ({"texts": ["x"] * 33}, "texts"),
        ({"texts": ["x" * 10_001]}, "limit is 10000"),
        ({"texts": ["x" * 9_000] * 7}, "together"),
        ({"texts": [42]}, "string"),
        ({"texts": ["x"], "language": "de"}, "language"),
        ({"texts": ["x"], "targets": 500}, "targets"),
    ],
)
def test_the_api_refuses_bad_input_clearly(payload, message):
    response = APIClient().post(reverse("api:sdg-classify"), payload, format="json")
    assert response.status_code == 400
    assert message in json.dumps(response.json())


@pytest.mark.django_db
def test_visitors_without_an_account_have_a_lower_limit(monkeypatch):
    from django.core.cache import cache

    from cityimpact.sdg.api.classify import ClassifyAnonThrottle

    cache.clear()
    monkeypatch.setattr(ClassifyAnonThrottle, "THROTTLE_RATES", {"classify_anon": "1/minute"})
    client = APIClient()
    url = reverse("api:sdg-classify")
    assert client.post(url, {"texts": ["Metsä"]}, format="json").status_code == 200
    assert client.post(url, {"texts": ["Metsä"]}, format="json").status_code == 429
    cache.clear()


@pytest.mark.django_db
def test_lone_surrogates_are_answered_not_a_server_error(classifier):
    # json.dumps escapes the lone surrogate as \ud800, as a client's JSON library would.
    body = json.dumps({"texts": [{"id": "x\ud800", "text": "\ud800 Puhdas juomavesi kaikille."}]})
    response = APIClient().post(reverse("api:sdg-classify"), body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["results"][0]["id"] == "x\ufffd"


@pytest.mark.django_db
def test_a_busy_classifier_answers_503(classifier, monkeypatch):
    from cityimpact.sdg.api import classify as api
    from cityimpact.sdg.services import classification

    monkeypatch.setattr(api, "WEB_WAIT_SECONDS", 0.01)
    with classification._running:  # another request is classifying
        response = APIClient().post(reverse("api:sdg-classify"), {"texts": ["x"]}, format="json")
    assert response.status_code == 503 and response["Retry-After"] == "60"
