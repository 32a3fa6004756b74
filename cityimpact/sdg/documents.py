"""Plain text out of uploaded documents (PDF, DOCX, TXT) for the SDG classifier.

Uploads are untrusted: the type is decided by the content, not the name; the file size, the
PDF pages, the unpacked size of a DOCX and the extracted text are all bounded, so a small
file cannot expand into gigabytes in memory. The text cap is above what the classifier
scores of one document (`MAX_PASSAGES` passages), so nothing it would read is cut."""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from cityimpact.sdg.classifier.passages import clean_text

MAX_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_DOCX_XML_BYTES = 30 * 1024 * 1024
MAX_DOCX_ELEMENTS = 2_000_000  # a long report has a few hundred thousand
MAX_CHARACTERS = 500_000  # about 70 000 words
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
    """The document's text (at most MAX_CHARACTERS), paragraphs separated by blank lines."""
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
        text = _plain_text(name, data)
    text = clean_text(text[:MAX_CHARACTERS]).strip()
    if not text:
        raise DocumentError(_("{name} has no text that could be read.").format(name=name))
    return text


def _plain_text(name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM (Windows Notepad), else Windows-1252,
    which covers ä, ö and å of older Finnish and Swedish files."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise DocumentError(_("{name} is not a PDF, DOCX or plain-text file.").format(name=name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(_("{name} is password-protected.").format(name=name))
        pages: list[str] = []
        length = 0
        for page in reader.pages[:MAX_PDF_PAGES]:
            pages.append(page.extract_text() or "")
            length += len(pages[-1])
            if length >= MAX_CHARACTERS:
                break
        return "\n\n".join(pages)
    except DocumentError:
        raise
    except Exception:  # pypdf raises many kinds of error on broken files; all mean unreadable
        raise DocumentError(_("{name} is not a readable PDF.").format(name=name)) from None


def _docx_text(name: str, data: bytes) -> str:
    unreadable = DocumentError(_("{name} is not a readable DOCX file.").format(name=name))
    paragraphs: list[str] = []
    length = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise DocumentError(_("{name} is too large once unpacked.").format(name=name))
            with archive.open(info) as xml:
                # Streamed: every finished child of the document body is dropped from the
                # tree, so memory holds about one paragraph or table at a time (expat refuses
                # entity-expansion bombs), and a flood of empty elements is cut short.
                depth, elements = 0, 0
                body: ElementTree.Element | None = None
                for event, element in ElementTree.iterparse(xml, events=("start", "end")):  # noqa: S314
                    if event == "start":
                        depth += 1
                        if depth == 2:
                            body = element
                        continue
                    depth -= 1
                    elements += 1
                    if elements > MAX_DOCX_ELEMENTS:
                        raise DocumentError(
                            _("{name} is too large once unpacked.").format(name=name)
                        )
                    if element.tag == f"{_WORD_NS}p":
                        text = "".join(n.text or "" for n in element.iter(f"{_WORD_NS}t"))
                        element.clear()
                        if text.strip():
                            paragraphs.append(text)
                            length += len(text)
                            if length >= MAX_CHARACTERS:
                                break
                    if depth == 2 and body is not None:
                        body.clear()  # its finished children have given their text
    except DocumentError:
        raise
    except (
        zipfile.BadZipFile,
        KeyError,
        ElementTree.ParseError,
        OSError,
        RuntimeError,  # an encrypted entry
        NotImplementedError,  # an unsupported compression method
        zlib.error,
        EOFError,
    ):
        raise unreadable from None
    return "\n\n".join(paragraphs)
