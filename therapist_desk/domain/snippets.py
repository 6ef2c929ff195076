"""Search snippets built in Python: a short passage of plain text and the spans of the matches.

FTS5's own snippet() re-runs the whole query for every row it is asked about; with a prefix
term (typing "grie") that cost several milliseconds per note. Finding the query's words in the
few notes a search returns is far cheaper here, and gives the spans directly, so no marker
characters are needed and nothing is ever HTML.

Matching follows the index's tokenizer closely enough for highlighting: letters and digits
make words (the underscore does not), case is ignored, and accents are ignored. A word the
index matched but this misses is simply not highlighted.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from therapist_desk.domain.search_query import search_terms

SNIPPET_CHARS = 160
LEAD_CHARS = 40  # context shown before the first match
MAX_MATCHES = 400
_TOKEN = re.compile(r"[^\W_]+")
_NOT_WORD_BEFORE = r"(?<![^\W_])"
_NOT_WORD_AFTER = r"(?![^\W_])"
_ONE_LINE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch  # one character in, one out: offsets stay valid


def fold(text: str) -> str:
    """``text`` without accents, same length, so offsets in it are offsets in ``text``."""
    if text.isascii():
        return text
    return "".join(map(_fold_char, text))


def term_patterns(query: str, prefix_last: bool = True) -> list[re.Pattern[str]]:
    """One pattern per searchable term; the last one matches a prefix while typing."""
    terms = search_terms(query)
    prefix = prefix_last and bool(query) and not query[-1].isspace()
    patterns = []
    for index, term in enumerate(terms):
        tokens = _TOKEN.findall(fold(term))
        if not tokens:
            continue
        body = r"[\W_]+".join(re.escape(t) for t in tokens)
        # A prefix highlights the whole word it begins ("grie" marks "Grief").
        tail = r"[^\W_]*" if prefix and index == len(terms) - 1 else _NOT_WORD_AFTER
        patterns.append(re.compile(_NOT_WORD_BEFORE + body + tail, re.IGNORECASE))
    return patterns


def make_snippet(
    text: str, patterns: list[re.Pattern[str]]
) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """The passage of ``text`` with the most different query words, on one line, with "…"
    where it was cut, and the (start, end) spans of the matches in it; None without a match."""
    if not text or not patterns:
        return None
    folded = fold(text)
    matches: list[tuple[int, int, int]] = []
    for k, pattern in enumerate(patterns):
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                matches.append((m.start(), m.end(), k))
            if len(matches) >= MAX_MATCHES:
                break
    if not matches:
        return None
    matches.sort()
    anchor = _best_anchor(matches)
    start = _start(text, anchor)
    end = _end(text, start, matches)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    piece = text[start:end].translate(_ONE_LINE)
    leading = len(piece) - len(piece.lstrip())
    body = piece.strip()
    offset = start + leading - len(lead)  # position in the snippet = position in text - offset
    spans = tuple(
        (s - offset, e - offset)
        for s, e, _k in matches
        if s >= start + leading and e - start - leading <= len(body)
    )
    return lead + body + tail, spans


def _best_anchor(matches: list[tuple[int, int, int]]) -> int:
    # The match that starts the window holding the most different terms (earliest on a tie).
    best, best_count = matches[0][0], 0
    window = SNIPPET_CHARS - LEAD_CHARS
    j = 0
    for i, (start, _end, _k) in enumerate(matches):
        j = max(j, i)
        while j + 1 < len(matches) and matches[j + 1][0] < start + window:
            j += 1
        count = len({k for _s, _e, k in matches[i : j + 1]})
        if count > best_count:
            best, best_count = start, count
    return best


def _start(text: str, anchor: int) -> int:
    start = max(0, anchor - LEAD_CHARS)
    if start == 0:
        return 0
    space = text.find(" ", start, anchor)  # begin on a word, not in the middle of one
    return space + 1 if space != -1 else anchor


def _end(text: str, start: int, matches: list[tuple[int, int, int]]) -> int:
    end = min(len(text), start + SNIPPET_CHARS)
    if end == len(text):
        return end
    first_end = next((e for s, e, _k in matches if s >= start), start)
    space = text.rfind(" ", max(first_end, start), end)
    return space if space > first_end else max(end, first_end)
