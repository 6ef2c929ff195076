"""Turning what the user typed into a safe FTS5 query.

Every term is quoted (internal quotes doubled), so nothing typed is ever read as FTS5 syntax:
``AND``, ``OR``, ``NOT``, ``NEAR(``, ``*``, ``^``, ``:``, ``-`` and stray quotes are just
text. Terms are ANDed. While typing, the last term is matched as a prefix.
"""

from __future__ import annotations

MAX_TERMS = 32  # more terms than this in a search box is a paste, not a search
MAX_TERM_LENGTH = 200


def _searchable(term: str) -> bool:
    # The unicode61 tokenizer keeps letters and digits and splits on everything else, so a
    # term without any (emoji, punctuation) would become an empty phrase: skip it instead.
    return any(ch.isalnum() for ch in term)


def search_terms(query: str) -> list[str]:
    """The distinct searchable terms of ``query``, in order, at most ``MAX_TERMS``."""
    terms: list[str] = []
    seen: set[str] = set()
    for raw in query.split():
        term = raw[:MAX_TERM_LENGTH]
        if not _searchable(term) or term.casefold() in seen:
            continue
        seen.add(term.casefold())
        terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return terms


def match_expression(query: str, prefix_last: bool = True) -> str | None:
    """An FTS5 MATCH expression for ``query``, or None when it has nothing to search for.

    ``prefix_last``: match the last term as a prefix unless the query ends with a space
    (the user has finished that word).
    """
    terms = search_terms(query)
    if not terms:
        return None
    phrases = ['"' + term.replace('"', '""') + '"' for term in terms]
    last_typed = query.split()[-1][:MAX_TERM_LENGTH]
    if prefix_last and not query[-1].isspace() and last_typed.casefold() == terms[-1].casefold():
        phrases[-1] += "*"
    return " ".join(phrases)
