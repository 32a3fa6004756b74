"""Plain text out of uploaded documents (PDF, DOCX, TXT) for the SDG classifier.

Uploads are untrusted: the type is decided by the content, not the name; sizes, pages and
the unpacked size of a DOCX are bounded, so a small file cannot expand into gigabytes."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from cityimpact.sdg.classifier.passages import clean_text

MAX_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_DOCX_XML_BYTES = 30 * 1024 * 1024
_WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentError(ValueError):
    """A document that cannot be read; the message is for the person who uploaded it."""


def document_kind(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    return "txt"


def document_text(*, name: str, data: bytes) -> str:
    """The document's text, paragraphs separated by blank lines."""
    if len(data) > MAX_BYTES:
        raise DocumentError(
            _("{name} is larger than {size} MB.").format(name=name, size=MAX_BYTES // 2**20)
        )
    kind = document_kind(data)
    if kind == "pdf":
        text = _pdf_text(name, data)
    elif kind == "docx":
        text = _docx_text(name, data)
    else:
        if b"\x00" in data[:4096]:
            raise DocumentError(
                _("{name} is not a PDF, DOCX or plain-text file.").format(name=name)
            )
        text = clean_text(data)
    text = clean_text(text).strip()
    if not text:
        raise DocumentError(_("{name} has no text that could be read.").format(name=name))
    return text


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(_("{name} is password-protected.").format(name=name))
        pages = reader.pages[:MAX_PDF_PAGES]
        return "\n\n".join(page.extract_text() or "" for page in pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as problem:
        if isinstance(problem, DocumentError):
            raise
        raise DocumentError(_("{name} is not a readable PDF.").format(name=name)) from None


def _docx_text(name: str, data: bytes) -> str:
    unreadable = DocumentError(_("{name} is not a readable DOCX file.").format(name=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise DocumentError(_("{name} is too large once unpacked.").format(name=name))
            xml = archive.read(info)
        root = ElementTree.fromstring(xml)  # noqa: S314 (expat refuses entity expansion bombs)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        raise unreadable from None
    paragraphs = []
    for paragraph in root.iter(f"{_WORD_NS}p"):
        pieces = [node.text or "" for node in paragraph.iter(f"{_WORD_NS}t")]
        paragraphs.append("".join(pieces))
    return "\n\n".join(p for p in paragraphs if p.strip())
