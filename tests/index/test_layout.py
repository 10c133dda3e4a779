from __future__ import annotations

from pathlib import Path

import pytest

from index.layout import FORMAT_VERSION, check_encoder, read_manifest, write_manifest
from skills.errors import IndexUnavailableError


def test_round_trip_and_checks(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError):
        read_manifest(tmp_path)
    write_manifest(tmp_path, {"format": FORMAT_VERSION, "encoder": "e", "dimensions": 3})
    m = read_manifest(tmp_path)
    check_encoder(m, "e", 3, tmp_path)
    with pytest.raises(IndexUnavailableError, match="built with encoder"):
        check_encoder(m, "e", 4, tmp_path)
    write_manifest(tmp_path, {"format": 999})
    with pytest.raises(IndexUnavailableError, match="format"):
        read_manifest(tmp_path)
