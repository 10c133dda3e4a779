"""The last check before any reply leaves the server: things a course answer never contains.

Checked after generation (LLM or built-in), whatever the prompt said:

* a phone number that is not in a cited offering's own page data (the provider's);
* an e-mail address that is not in a cited offering's page data;
* a request for, or a value of, a BSN, IBAN, bank account, DigiD or password;
* a link or domain outside the cited offerings' pages and the knowledge-base sources used;
* instruction-override phrasing (the injection filter of :mod:`skills.untrusted`).

:func:`check_reply` raises :class:`UnsafeReply` naming the rule; callers fall back to a built-in answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from skills.text import fold
from skills.untrusted import suspicious

_PHONE = re.compile(r"(?<![\w/.-])(?:\+31|0031|0)[\s.\-()]*(?:\d[\s.\-()]*){8,10}(?!\d)")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PERSONAL = re.compile(r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer|iban|rekeningnummer|bankrekening\w*|"
                       r"bankgegevens|pincode|pin-code|digid-?(?:code|gegevens|wachtwoord)?|inloggegevens|"
                       r"wachtwoord|password|creditcard\w*|paspoortnummer|kopie (?:van )?(?:je |uw )?(?:paspoort|"
                       r"id-?kaart|identiteitsbewijs))\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d{2,4}){2,5}\b")
URLISH = re.compile(r"\b(?:https?://|www\.)[^\s,;)]+|\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:nl|com|org|net|"
                    r"eu|io|info|be|de)\b(?:/[^\s,;)]*)?", re.IGNORECASE)


class UnsafeReply(Exception):
    """A reply carries something a course answer never contains; the message names it."""


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[4:] if digits.startswith("0031") else "0" + digits[2:] if digits.startswith("31") else digits


def _page_text(payloads: Iterable[Mapping[str, Any]]) -> str:
    return " ".join(" ".join(str(p.get(k) or "") for k in ("description", "url", "provider", "title"))
                    for p in payloads)


def check_reply(reply: str, cited: Iterable[Mapping[str, Any]], allowed_urls: Iterable[str] = ()) -> None:
    """Raise UnsafeReply when ``reply`` holds anything listed in the module docstring."""
    cited = list(cited)
    page = _page_text(cited)
    page_phones = {_digits(m.group(0)) for m in _PHONE.finditer(page)}
    for m in _PHONE.finditer(reply):
        if _digits(m.group(0)) not in page_phones:
            raise UnsafeReply(f"phone number not on a cited page: {m.group(0)[:20]!r}")
    page_folded = fold(page)
    for m in _EMAIL.finditer(reply):
        if fold(m.group(0)) not in page_folded:
            raise UnsafeReply(f"e-mail address not on a cited page: {m.group(0)[:40]!r}")
    if _PERSONAL.search(fold(reply)) or _IBAN.search(reply):
        raise UnsafeReply("reply asks for or holds personal financial or identity data")
    urls = [fold(str(p.get("url") or "")) for p in cited] + [fold(u) for u in allowed_urls]
    for m in URLISH.finditer(reply):
        token = fold(m.group(0)).rstrip(".")
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", token)
        if not any(bare and bare in url for url in urls):
            raise UnsafeReply(f"address outside the cited offerings and sources: {token[:60]!r}")
    if suspicious(reply):
        raise UnsafeReply("reply carries instruction-override phrasing")
