"""Replace a PDF's document information dictionary, so its metadata says only what we choose.

Qt's PDF writer always adds its own producer ("Qt 6.x") and creation and modification times
to the information dictionary, and offers no way to leave them out. A summary's PDF must not
carry anything beyond the supervisee's display name and what the file is, so after Qt writes
the PDF we replace that one object and shift the cross-reference offsets after it. Qt writes a
classic single cross-reference table (PDF 1.4), which is all this handles; anything else is
refused rather than guessed at. The XMP packet is ours from the start (``minimal_xmp``).
"""

from __future__ import annotations

import html
import re

_INFO_REF = re.compile(rb"/Info\s+(\d+)\s+0\s+R")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\n")


class PdfRewriteError(ValueError):
    """The PDF does not have the simple structure this rewrite expects."""


def pdf_text_string(text: str) -> bytes:
    """A PDF text string in UTF-16BE hex (needs no escaping for any character)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def replace_info(data: bytes, fields: dict[str, str]) -> bytes:
    """``data`` with its information dictionary holding exactly ``fields`` (e.g. {"Title": ...})."""
    trailer_at = data.rfind(b"trailer")
    info = _INFO_REF.search(data, trailer_at) if trailer_at >= 0 else None
    end = _STARTXREF.search(data)
    if info is None or end is None:
        raise PdfRewriteError("no information dictionary or cross-reference pointer found")
    number = int(info.group(1))
    xref_at = int(end.group(1))
    if data[xref_at : xref_at + 5] != b"xref\n":
        raise PdfRewriteError("the cross-reference pointer does not point at a table")
    header = f"{number} 0 obj\n".encode("ascii")
    start = data.find(header)
    if start > 0 and data[start - 1 : start] not in (b"\n", b"\r"):
        raise PdfRewriteError("the information dictionary is not where expected")
    stop = data.find(b"endobj", start)
    if start < 0 or stop < 0 or stop > xref_at:
        raise PdfRewriteError("the information dictionary was not found")
    stop += len(b"endobj")
    entries = b"".join(
        b"/" + key.encode("ascii") + b" " + pdf_text_string(value) + b"\n" for key, value in fields.items()
    )
    new_object = header + b"<<\n" + entries + b">>\nendobj"
    delta = len(new_object) - (stop - start)

    table_end = data.find(b"trailer", xref_at)
    table = bytearray(data[xref_at:table_end])
    position = len(b"xref\n")
    while position < len(table):
        sub = _SUBSECTION.match(bytes(table), position)
        if sub is None:
            raise PdfRewriteError("the cross-reference table has an unexpected layout")
        position = sub.end()
        for _ in range(int(sub.group(2))):
            entry = bytes(table[position : position + 20])
            if len(entry) != 20 or entry[10:11] != b" ":
                raise PdfRewriteError("a cross-reference entry has an unexpected layout")
            offset = int(entry[:10])
            if entry[17:18] == b"n" and offset > start:
                table[position : position + 10] = f"{offset + delta:010d}".encode("ascii")
            position += 20
    tail = data[table_end : end.start()] + f"startxref\n{xref_at + delta}\n%%EOF\n".encode("ascii")
    return data[:start] + new_object + data[stop:xref_at] + bytes(table) + tail


def minimal_xmp(title: str, author: str) -> str:
    """An XMP packet naming only ``title`` (also as the tool) and ``author``: no dates, no ids."""
    name, purpose = html.escape(author), html.escape(title)
    return (
        "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        f' xmp:CreatorTool="{purpose}" pdf:Producer="{purpose}">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{purpose}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq><rdf:li>{name}</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    )
