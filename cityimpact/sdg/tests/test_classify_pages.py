"""The page that classifies pasted text and uploaded documents, and the background batch
with its CSV; reading PDF, DOCX and TXT safely."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cityimpact.core.models import Job
from cityimpact.sdg.documents import DocumentError, document_text

pytestmark = pytest.mark.django_db

NATURE_SV = "Kommunen skyddar gammal skog och återställer våtmarker för den biologiska mångfalden."
ENERGY_FI = "Kaupunki asentaa aurinkopaneeleita koulujen katoille ja säästää energiaa."


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def _pdf(text: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


def test_documents_are_read_by_their_content_not_their_name():
    assert document_text(name="a.pdf", data=_docx(["Yksi", "Kaksi"])) == "Yksi\n\nKaksi"
    assert "aurinkopaneeleita" in document_text(name="a.txt", data=_pdf(ENERGY_FI))
    assert document_text(name="x", data=b"Hei\r\nmaailma") == "Hei\nmaailma"
    for data, message in (
        (b"\x00\x01\x02binary", "not a PDF, DOCX or plain-text"),
        (b"PK\x03\x04broken zip", "not a readable DOCX"),
        (b"%PDF-1.7 broken", "not a readable PDF"),
        (b"   \n ", "no text"),
        (b"x" * (10 * 1024 * 1024 + 1), "larger than"),
    ):
        with pytest.raises(DocumentError, match=message):
            document_text(name="f", data=data)


def test_the_page_needs_a_sign_in(client):
    response = client.get(reverse("sdg:classify"))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_pasted_text_is_classified_with_highlighted_evidence(client, make_user):
    client.force_login(make_user("resident"))
    response = client.post(reverse("sdg:classify"), {"text": f"<b>{NATURE_SV}</b>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-goal="15"' in html
    assert "<mark" in html and "&lt;b&gt;Kommunen" in html  # evidence marked, input escaped
    assert "<b>Kommunen" not in html


def test_an_uploaded_document_is_classified(client, make_user):
    client.force_login(make_user("resident"))
    upload = SimpleUploadedFile("plan.docx", _docx(["Energia", ENERGY_FI]))
    response = client.post(reverse("sdg:classify"), {"document": upload, "language": ""})
    assert response.status_code == 200
    assert 'data-goal="7"' in response.content.decode()
    response = client.post(reverse("sdg:classify"), {"text": "  "})
    assert "Paste a text or choose a document." in response.content.decode()


def test_a_batch_runs_in_the_background_and_gives_a_csv(client, make_user):
    user = make_user("resident")
    client.force_login(user)
    files = [
        SimpleUploadedFile("=nature.txt", NATURE_SV.encode()),
        SimpleUploadedFile("energy.pdf", _pdf(ENERGY_FI)),
    ]
    response = client.post(reverse("sdg:classify_batch"), {"documents": files})
    assert response.status_code == 302
    job = Job.objects.get(kind="sdg.classify")
    assert job.state == Job.State.DONE and job.done == job.total == 2  # eager in tests
    progress = client.get(response["Location"])
    assert job.result["url"] in progress.content.decode()
    download = client.get(job.result["url"])
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert [row["document"] for row in rows] == ["'=nature.txt", "energy.pdf"]
    assert rows[0]["goals"].split()[0] == "15" and "7" in rows[1]["goals"].split()
    assert float(rows[0]["goal_15"]) > 0.5
    # Only the owner downloads it.
    client.force_login(make_user("moderator"))
    assert client.get(job.result["url"]).status_code == 404


def test_a_batch_with_an_unreadable_file_is_refused_whole(client, make_user):
    client.force_login(make_user("resident"))
    files = [
        SimpleUploadedFile("ok.txt", NATURE_SV.encode()),
        SimpleUploadedFile("bad.bin", b"\x00\x01binary"),
    ]
    response = client.post(reverse("sdg:classify_batch"), {"documents": files})
    assert response.status_code == 400
    assert "bad.bin is not a PDF, DOCX or plain-text file." in response.content.decode()
    assert not Job.objects.exists()


def test_oversized_uploads_are_refused_before_reading(client, make_user, monkeypatch):
    from cityimpact.sdg import classify_views

    client.force_login(make_user("resident"))
    big = SimpleUploadedFile("big.txt", b"x" * (10 * 1024 * 1024 + 1))
    response = client.post(reverse("sdg:classify"), {"document": big})
    assert "big.txt is larger than 10 MB." in response.content.decode()
    monkeypatch.setattr(classify_views, "MAX_BATCH_BYTES", 10)
    files = [SimpleUploadedFile(f"{n}.txt", b"Metsien suojelu.") for n in range(2)]
    response = client.post(reverse("sdg:classify_batch"), {"documents": files})
    assert response.status_code == 400 and "larger than 0 MB together" in response.content.decode()


def test_text_files_in_other_encodings_are_read():
    assert document_text(name="a.txt", data="Ympäristö".encode("utf-16")) == "Ympäristö"
    assert document_text(name="a.txt", data="Miljö och hälsa".encode("cp1252")) == (
        "Miljö och hälsa"
    )


def test_extracted_text_is_bounded(monkeypatch):
    from cityimpact.sdg import documents

    monkeypatch.setattr(documents, "MAX_CHARACTERS", 30)
    text = document_text(name="a.docx", data=_docx(["x" * 20, "y" * 20, "z" * 20]))
    assert text == "x" * 20 + "\n\n" + "y" * 8


def test_the_clear_box_with_pasted_text_is_not_an_error(client, make_user):
    client.force_login(make_user("resident"))
    response = client.post(
        reverse("sdg:classify"), {"text": NATURE_SV, "document-clear": "on", "language": "sv"}
    )
    assert response.status_code == 200 and 'data-goal="15"' in response.content.decode()


def test_overlapping_evidence_keeps_every_goal():
    from cityimpact.sdg.classifier.model import Evidence, GoalResult
    from cityimpact.sdg.templatetags.sdg_evidence import mark_spans

    text = "One <two>. Three."
    goals = [
        GoalResult(7, 0.9, [Evidence(0, 10, "One <two>.", 0.9)]),
        GoalResult(15, 0.8, [Evidence(0, 17, text, 0.8)]),
    ]
    html = mark_spans(text, goals)
    assert 'data-goals="7, 15"' in html and 'data-goals="15"' in html
    assert "&lt;two&gt;" in html and "<two>" not in html


def test_a_flood_of_empty_docx_elements_is_refused(monkeypatch):
    from cityimpact.sdg import documents

    monkeypatch.setattr(documents, "MAX_DOCX_ELEMENTS", 1000)
    with pytest.raises(DocumentError, match="too large once unpacked"):
        document_text(name="bomb.docx", data=_docx([""] * 2000))


def test_lone_surrogates_from_a_document_are_replaced():
    assert document_text(name="a.docx", data=_docx(["ok"])) == "ok"
    from cityimpact.sdg.classifier.passages import clean_text

    assert clean_text("a\ud800b") == "a\ufffdb"


def test_a_rate_limited_request_reads_no_upload(client, make_user, monkeypatch):
    from cityimpact.sdg import classify_views

    def must_not_read(upload):
        raise AssertionError("the upload was read")

    monkeypatch.setattr(classify_views, "_read_upload", must_not_read)
    monkeypatch.setitem(classify_views.LIMITS, "classify", (0, 600))
    monkeypatch.setitem(classify_views.LIMITS, "batch", (0, 600))
    client.force_login(make_user("resident"))
    upload = SimpleUploadedFile("a.txt", b"Metsien suojelu.")
    response = client.post(reverse("sdg:classify"), {"document": upload})
    assert "Too many in a short time" in response.content.decode()
    upload = SimpleUploadedFile("a.txt", b"Metsien suojelu.")
    response = client.post(reverse("sdg:classify_batch"), {"documents": [upload]})
    assert response.status_code == 400 and not Job.objects.exists()
