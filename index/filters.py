"""What a search may be narrowed to, as the request gives it: :class:`SearchFilters`.

The per-offering columns the filters read live in :mod:`index.filter_columns`, the boolean masks they become
in :mod:`index.filter_masks`, facet counts in :mod:`index.facets`, distances in :mod:`index.distances`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from skills.errors import InvalidQueryError
from skills.model import Leerweg


@dataclass
class SearchFilters:
    """What a search may be narrowed to. Empty lists / None mean "no constraint".

    ``place`` is a place name, postcode or area resolved by :mod:`index.places`; ``radius_km`` needs
    ``place``. Values are validated by the engine (unknown value → InvalidQueryError). An offering whose price
    or start date is unknown passes a price or start-date filter unless ``keep_unknown_price`` /
    ``keep_unknown_start`` is false: missing data is not a silent no.
    """

    leerwegen: list[str] = field(default_factory=list)
    niveaus: list[int] = field(default_factory=list)
    offering_types: list[str] = field(default_factory=list)
    opleidingsdomeinen: list[str] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    max_price: float | None = None
    start_from: date | None = None
    start_to: date | None = None
    place: str | None = None
    radius_km: float | None = None
    crebos: list[str] = field(default_factory=list)
    keep_unknown_price: bool = True
    keep_unknown_start: bool = True


def leerweg_value(value: str) -> str:
    """Accept "bbl", "BBL", "derde leerweg", "Deeltijd" for the Leerweg enum values; InvalidQueryError (in
    Dutch) for anything else."""
    key = str(value).strip().upper().replace(" ", "_").replace("-", "_")
    try:
        return Leerweg(key).value
    except ValueError:
        known = ", ".join(lw.value for lw in Leerweg)
        raise InvalidQueryError(f"onbekende leerweg {value!r}; kies uit {known}") from None
