"""The provider registry: ROCs merged by BRIN with KiesMBO's institutions and locations; the crawl frontier."""

from __future__ import annotations

from pathlib import Path

from crawler.sites import load_sites, registry_sites
from skills.model import ProviderKind
from skills.reference import load_reference
from tests.skills.reference_helpers import MINI


def test_rocs_merged_with_kiesmbo_by_brin() -> None:
    providers = {p.brin: p for p in load_reference(MINI).providers}
    assert set(providers) == {"00GT", "25LX", "30TZ", "99XX"}
    curio = providers["25LX"]  # a ROC in both: keeps its registry name, gains website, current name, locations
    assert (curio.name, curio.alt_name, curio.website) == ("ROC West-Brabant", "Curio", "https://www.curio.nl/")
    assert [(loc.city, loc.lat) for loc in curio.locations] == [("Bergen op Zoom", 51.49), ("Breda", 51.6)]
    assert providers["00GT"].website == "https://www.albeda.nl/" and not providers["00GT"].locations
    hmc = providers["30TZ"]  # KiesMBO only
    assert (hmc.name, hmc.kind, hmc.allowed_domains) == ("Hout- en Meubileringscollege", ProviderKind.UNKNOWN,
                                                          ("hmcollege.nl", "www.hmcollege.nl"))
    assert providers["99XX"].website is None


def test_registry_is_the_crawl_frontier() -> None:
    sites = registry_sites(load_reference(MINI).providers)
    assert sorted(s.provider.brin or "" for s in sites) == ["00GT", "25LX", "30TZ"]  # those with a website


def test_kiesmbo_organizations_file_is_a_provider_list() -> None:
    sites = load_sites(MINI / "institutions" / "kiesmbo" / "organizations.csv")
    assert [(s.name, s.provider.start_urls) for s in sites] == [
        ("Curio", ("https://www.curio.nl/",)), ("Hout- en Meubileringscollege", ("https://www.hmcollege.nl/",))]


def test_real_registry(reference_dir: Path) -> None:
    providers = load_reference(reference_dir, lexicon=None).providers
    assert len(providers) == 45 + 179 - 32
    assert sum(len(p.locations) for p in providers) == 679
