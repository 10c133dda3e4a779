"""Crawled text made inert for the LLM, and validation of the LLM's wording (OWASP LLM01: prompt injection).

Crawled text is untrusted data: it reaches the LLM only as JSON string values inside tool results, markup
and script blocks stripped, sentences with instruction-override phrasing left out, truncated, delimiter
lookalikes removed. The LLM's output is never trusted either: a reply with markup, instruction-override
phrasing, text copied from a suspicious passage, a URL or domain that is not a cited offering's, a price no
cited offering has, or "gratis" for offerings that cost money is rejected (:func:`check_wording`), and ids
not among the retrieved offerings are removed (:func:`validate_answer`).

A rejection raises :class:`GroundingError`; the service then answers with the built-in dialogue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from api.chat.wording import MAX_REPLY_CHARS, next_start
from skills.text import fold
from skills.untrusted import suspicious, without_markup, without_suspicious

DESCRIPTION_CHARS = 300

_MARKUP = re.compile(r"<\s*/?\s*[a-z!][^>]*>|\]\(|```|javascript:|&lt;|&gt;|\bon[a-z]+\s*=", re.IGNORECASE)
_URLISH = re.compile(r"\b(?:https?://|www\.)[^\s,;)]+|\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:nl|com|org|net|"
                     r"eu|io|info|be|de)\b(?:/[^\s,;)]*)?", re.IGNORECASE)
_EURO = re.compile(r"(?:€|eur(?:o)?)\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}|-))?|"
                   r"\b(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:euro|eur)\b", re.IGNORECASE)
_FREE = re.compile(r"\b(?:gratis|kosteloos|free|zonder kosten|geen kosten)\b", re.IGNORECASE)
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


class GroundingError(Exception):
    """The LLM's output fails validation; the message says which rule."""


@dataclass
class ValidatedAnswer:
    reply: str
    cited_ids: list[str]
    removed_ids: list[str] = field(default_factory=list)


def untrusted(text: Any, limit: int) -> str:
    """Crawled text made inert for a prompt: script/style blocks, tags and delimiter lookalikes removed,
    spaces collapsed, cut to ``limit``."""
    value = without_markup(str(text or ""))
    value = value.replace("<<<", " ").replace(">>>", " ").replace("<", " ").replace(">", " ")
    value = re.sub(r"\s+", " ", value).strip()
    return value[:limit]


# --- answer ----------------------------------------------------------------------------------------

def offering_record(hit: Any, today: date) -> dict[str, Any]:
    """One retrieved offering as a prompt record: facts plus a short, inert description."""
    p = hit.offering
    start = next_start(p, today)
    record: dict[str, Any] = {
        "id": hit.id, "titel": untrusted(hit.title, 150), "aanbieder": untrusted(hit.provider, 100),
        "soort": p.get("offering_type"), "niveau": p.get("niveau"), "leerwegen": p.get("leerwegen") or [],
        "plaatsen": [untrusted(x, 60) for x in (p.get("locations") or [])[:3]],
        "eerstvolgende_start": start.isoformat() if start else None, "prijs_eur": p.get("price_eur"),
        "kwalificatie": untrusted(hit.qualification_name, 120) if hit.qualification_name else None,
        "beschrijving": untrusted(without_suspicious(untrusted(p.get("description"), 4 * DESCRIPTION_CHARS)),
                                  DESCRIPTION_CHARS),
    }
    if hit.distance_km is not None:
        record["afstand_km"] = hit.distance_km
    return record


def json_object(content: str) -> dict[str, Any]:
    """The JSON object an LLM answered with (a Markdown code fence around it is tolerated)."""
    try:
        data = json.loads(_FENCE.sub("", content.strip()))
    except ValueError as exc:
        raise GroundingError(f"LLM output is not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise GroundingError("LLM output is not a JSON object")
    return data


def _amounts(text: str) -> list[float]:
    out = []
    for m in _EURO.finditer(text):
        whole, cents = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        value = float(whole.replace(".", ""))
        if cents and cents != "-":
            value += int(cents) / 10 ** len(cents)
        out.append(value)
    return out


def validate_answer(content: str, retrieved: Mapping[str, dict[str, Any]],
                    exists: Callable[[str], bool]) -> ValidatedAnswer:
    """Check a JSON answer ``{"reply", "cited_ids"}`` against the retrieved offerings (id → payload)."""
    data = json_object(content)
    reply = data.get("reply")
    if not isinstance(reply, str) or not reply.strip():
        raise GroundingError("LLM answer has no reply text")
    raw_ids = data.get("cited_ids")
    if not isinstance(raw_ids, list):
        raise GroundingError("LLM answer has no cited_ids list")
    ids: list[str] = []
    removed: list[str] = []
    for value in raw_ids:
        if isinstance(value, str) and value in retrieved and exists(value):
            if value not in ids:
                ids.append(value)
        else:
            removed.append(str(value)[:40])
    if not ids:
        raise GroundingError(f"LLM cited no retrieved offering (removed: {removed})")
    check_wording(reply.strip(), [retrieved[i] for i in ids], list(retrieved.values()))
    return ValidatedAnswer(reply=reply.strip(), cited_ids=ids, removed_ids=removed)


def check_wording(reply: str, cited: Sequence[Mapping[str, Any]], retrieved: Sequence[Mapping[str, Any]]) -> None:
    """Raise GroundingError when ``reply`` has markup, instruction-override text, text copied from a suspicious
    passage of any retrieved offering, a URL no cited offering has, a price no cited offering has, or calls
    offerings free that are not."""
    if len(reply) > MAX_REPLY_CHARS:
        raise GroundingError(f"LLM reply too long ({len(reply)} chars)")
    if _MARKUP.search(reply):
        raise GroundingError("LLM reply contains markup")
    if suspicious(reply):
        raise GroundingError("LLM reply contains instruction-override text")
    folded = fold(reply)
    for payload in retrieved:
        for sentence in re.split(r"(?<=[.!?])\s+", str(payload.get("description") or "")):
            if suspicious(sentence) and _shares_words(folded, fold(sentence)):
                raise GroundingError("LLM reply echoes a suspicious passage from crawled text")
    allowed_urls = {fold(str(p.get("url") or "")) for p in cited}
    for m in _URLISH.finditer(reply):
        token = fold(m.group(0)).rstrip(".")
        if not any(token and token in url for url in allowed_urls):
            raise GroundingError(f"LLM reply names an address no cited offering has: {token[:60]!r}")
    prices = [float(p["price_eur"]) for p in cited if p.get("price_eur") is not None]
    for amount in _amounts(reply):
        if not any(abs(amount - price) < 1.0 for price in prices):
            raise GroundingError(f"LLM reply states a price no cited offering has: {amount}")
    if _FREE.search(reply) and not any(price == 0 for price in prices):
        raise GroundingError("LLM reply calls an offering free that is not")


def _shares_words(reply: str, passage: str, n: int = 5) -> bool:
    """Whether ``reply`` contains any run of ``n`` consecutive words of ``passage``."""
    words = re.findall(r"[a-z0-9]+", passage)
    text = " " + " ".join(re.findall(r"[a-z0-9]+", reply)) + " "
    return any(f" {' '.join(words[i:i + n])} " in text for i in range(max(0, len(words) - n + 1)))
