"""The one search-request builder: defaults, cleaning and plain Dutch errors."""

from __future__ import annotations

from datetime import date

import pytest

from index.request import DEFAULT_RADIUS_KM, build_request
from skills.errors import InvalidQueryError


def test_a_place_gets_the_default_radius_and_empty_values_are_dropped() -> None:
    req = build_request("  lassen ", place=" Goes ", leerwegen=["BBL", ""], crebos=["25290"], niveaus=[2])
    assert req.query == "lassen" and req.filters.place == "Goes" and req.filters.radius_km == DEFAULT_RADIUS_KM
    assert req.filters.leerwegen == ["BBL"] and req.filters.crebos == ["25290"] and req.filters.niveaus == [2]
    assert req.filters.keep_unknown_price and req.filters.keep_unknown_start
    assert build_request("lassen").filters.radius_km is None


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"radius_km": 10.0}, "plaats"),
    ({"sort": "distance"}, "plaats"),
    ({"niveaus": [5]}, r"niveau 1 \(entree\)"),
    ({"crebos": ["123"]}, "5 cijfers"),
    ({"max_price": -1.0}, "negatief"),
    ({"start_from": date(2027, 5, 1), "start_to": date(2027, 1, 1)}, "startdatum"),
    ({"place": "Goes", "radius_km": 0.0}, "afstand"),
    ({"limit": 0}, "pagina"),
])
def test_bad_requests_are_refused_in_plain_dutch(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidQueryError, match=message):
        build_request("lassen", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InvalidQueryError, match="te lang"):
        build_request("x" * 501)
