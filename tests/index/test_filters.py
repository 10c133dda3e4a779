from __future__ import annotations

import pytest

from index.filters import leerweg_value
from skills.errors import InvalidQueryError


def test_leerweg_values_as_people_write_them() -> None:
    assert [leerweg_value(v) for v in ("bbl", " BOL ", "derde leerweg", "Derde-leerweg")] == [
        "BBL", "BOL", "DERDE_LEERWEG", "DERDE_LEERWEG"]
    with pytest.raises(InvalidQueryError, match="onbekende leerweg"):
        leerweg_value("avondschool")
