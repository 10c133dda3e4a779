"""institutions.csv → Provider and certificates.csv → Certificate."""

from __future__ import annotations

from pathlib import Path

from skills.model import ProviderKind
from skills.reference import load_reference, validate_reference
from tests.skills.reference_helpers import MINI, mini_copy, replace_in


def test_providers() -> None:
    providers = {p.brin: p for p in load_reference(MINI).providers}
    albeda = providers["00GT"]
    assert (albeda.name, albeda.kind, albeda.website) == ("ROC Albeda College", ProviderKind.ROC, "https://www.albeda.nl/")
    assert albeda.allowed_domains == ("albeda.nl",)
    # 25LX has no evidenced website in institutions.csv; KiesMBO (merged by BRIN) gives its current one.
    assert providers["25LX"].name == "ROC West-Brabant" and providers["25LX"].website == "https://www.curio.nl/"


def test_malformed_brin(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    replace_in(ref / "institutions" / "institutions.csv", "25LX,", "25L,")
    problems = validate_reference(ref)[1]
    assert any(p[1] == 3 and "malformed BRIN '25L'" in p[2] for p in problems)


def test_certificates() -> None:
    certificates = load_reference(MINI).certificates
    first = certificates[0]
    assert (first.code, first.parent_crebo, first.kerntaken) == ("C0123", "25486", ("B1-K1",))
    assert first.werkprocessen == ("B1-K1-W1", "B1-K1-W2")
    assert [c.parent_crebo for c in certificates[1:]] == ["90001", "90002"]  # one per parent crebo


def test_real_certificates(reference_dir: Path) -> None:
    certificates = load_reference(reference_dir).certificates
    vig = next(c for c in certificates if c.name == "Basis voor deskundige zorg")
    assert vig.parent_crebo == "25656" and vig.code is None
    assert vig.werkprocessen == ("B1-K1-W1", "B1-K1-W2", "B1-K1-W4", "B1-K1-W10")
