"""Offerings for a matched text: the qualifications :class:`skills.matching.TextMatcher` finds, then the
index's offerings of those qualifications, best qualification first (used by `llo match` and POST /api/match).

An offering inherits the score and matched skills of the qualification it is mapped to; within one
qualification offerings keep index order. Read-only over the payloads; no ranking of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from skills.matching import QualificationMatch, TextMatcher

DEFAULT_QUALIFICATIONS = 5
DEFAULT_OFFERINGS = 10


@dataclass(frozen=True, slots=True)
class OfferingMatch:
    payload: dict[str, Any]
    score: float
    qualification: QualificationMatch


@dataclass(frozen=True, slots=True)
class MatchResult:
    qualifications: list[QualificationMatch]
    offerings: list[OfferingMatch] = field(default_factory=list)


def payload_crebo(payload: Mapping[str, Any]) -> str | None:
    """The crebo an index payload is mapped to (its qualification summary's, else the mapping's)."""
    crebo = (payload.get("qualification") or {}).get("crebo") or (payload.get("mapping") or {}).get("crebo")
    return str(crebo) if crebo else None


def group_by_crebo(payloads: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Payloads grouped by mapped crebo, in index order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for payload in payloads:
        crebo = payload_crebo(payload)
        if crebo:
            out.setdefault(crebo, []).append(payload)
    return out


def match_text(matcher: TextMatcher, by_crebo: Mapping[str, Sequence[dict[str, Any]]], text: str,
               qualifications: int = DEFAULT_QUALIFICATIONS, offerings: int = DEFAULT_OFFERINGS) -> MatchResult:
    """Match ``text`` (InvalidQueryError when empty or too long) and collect up to ``offerings`` offerings of
    the matched qualifications."""
    quals = matcher.match(text, limit=qualifications)
    found: list[OfferingMatch] = []
    for q in quals:
        for payload in by_crebo.get(q.key, ()):
            if len(found) >= offerings:
                break
            found.append(OfferingMatch(payload, q.score, q))
    return MatchResult(quals, found)
