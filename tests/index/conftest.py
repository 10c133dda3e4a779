"""Fixtures for index tests: a real (tiny) hashing encoder and a small index built from real reference data."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.build import build_index
from skills.model import Leerweg, Mapping, Offering, OfferingType
from skills.reference import load_reference
from skills.text import tokenize
from skills.vocabulary import build_vocabulary


class HashEncoder:
    """Bag of words hashed into 64 dimensions, L2-normalised: a real encoder, just a crude one."""

    name = "hash-bow-64"
    dim = 64

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in tokenize(text):
                out[i, int(hashlib.md5(tok.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    def encode_query(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_document(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


def _offering(title: str, provider: str, crebo_text: str, **kw: Any) -> Offering:
    return Offering(url=f"https://{provider.lower().replace(' ', '')}.example.nl/{title.lower().replace(' ', '-')}",
                    title=title, provider=provider, description=crebo_text, **kw)


def sample_offerings() -> tuple[list[Offering], dict[str, Mapping]]:
    """Eight offerings at three providers, with their mapped crebos (real crebos from the reference data)."""
    rows = [
        ("Basislasser", "ROC Noord", "25290", "Je leert lassen met verschillende lasprocessen.",
         dict(leerwegen=[Leerweg.BBL], niveau=2, locations=["Groningen"], price_eur=450.0,
              start_dates=[date(2027, 2, 1)])),
        ("Allround lasser", "ROC Zuid", "25287", "Lassen van constructies, tekeninglezen.",
         dict(leerwegen=[Leerweg.BOL], niveau=3, locations=["Eindhoven"], start_dates=[date(2027, 9, 1)])),
        ("Word pedagogisch medewerker", "ROC Zuid", "25486",
         "Werken met kinderen in de kinderopvang: je begeleidt kinderen bij hun ontwikkeling.",
         dict(leerwegen=[Leerweg.BBL], niveau=3, locations=["Tilburg"], price_eur=1200.0,
              start_dates=[date(2027, 3, 1)])),
        ("Kok", "ROC Midden", "25180", "Koken in een restaurantkeuken, gerechten bereiden.",
         dict(leerwegen=[Leerweg.BOL], niveau=2, locations=["Utrecht"])),
        ("Zelfstandig werkend kok", "ROC Noord", "25182", "Gerechten bereiden en de keuken organiseren.",
         dict(leerwegen=[Leerweg.BBL], niveau=3, locations=["Assen"], price_eur=600.0)),
        ("Heftruckcertificaat", "ROC Midden", None, "Veilig heftruck rijden in het magazijn. Cursus van 1 dag.",
         dict(offering_type=OfferingType.NON_MBO, locations=["Utrecht"], price_eur=295.0,
              start_dates=[date(2027, 1, 11)])),
        ("Logistiek medewerker", "ROC Midden", "25371", "Goederen ontvangen, opslaan en verzenden in het magazijn.",
         dict(leerwegen=[Leerweg.BBL], niveau=2, locations=["Utrecht"])),
        ("Verzorgende IG", "ROC Noord", "25491", "Zorg verlenen aan cliënten, verpleegtechnische handelingen.",
         dict(leerwegen=[Leerweg.BBL, Leerweg.DEELTIJD], niveau=3, locations=["Groningen"])),
    ]
    offerings = []
    mappings = {}
    for title, provider, crebo, text, kw in rows:
        o = _offering(title, provider, text, **kw)
        offerings.append(o)
        mappings[o.id] = Mapping(offering_id=o.id, crebo=crebo, confidence=0.9 if crebo else 0.0,
                                 method="name-exact" if crebo else "unmapped",
                                 evidence=(f"title matches {crebo}",) if crebo else ())
    return offerings, mappings


@pytest.fixture(scope="session")
def reference(reference_dir: Path) -> Any:
    return load_reference(reference_dir)


@pytest.fixture(scope="session")
def vocabulary(reference: Any) -> Any:
    return build_vocabulary(reference)


@pytest.fixture(scope="session")
def encoder() -> HashEncoder:
    return HashEncoder()


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory, reference: Any, vocabulary: Any,
                encoder: HashEncoder) -> Path:
    out = tmp_path_factory.mktemp("idx") / "index-1"
    offerings, mappings = sample_offerings()
    build_index(out, offerings, mappings, reference, vocabulary, encoder)
    return out
