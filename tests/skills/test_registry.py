"""The provider registry as a directory: an offering's provider found by website host, then by name."""

from __future__ import annotations

from skills.model import Provider
from skills.registry import ProviderDirectory, host_of

ROCS = [Provider(name="ROC Midden Nederland", website="https://www.rocmn.nl/", allowed_domains=("rocmn.nl",)),
        Provider(name="ROC Nova College", alt_name="Nova College", website="https://www.novacollege.nl/")]


def test_host_subdomain_then_name() -> None:
    directory = ProviderDirectory(ROCS)
    assert host_of("https://WWW.Rocmn.nl:443/a/b") == "rocmn.nl"
    found = directory.find("mbo voor professionals", "https://mbovoorprofessionals.rocmn.nl/werkgevers")
    assert found is not None and found.name == "ROC Midden Nederland"
    by_alt = directory.find("Nova college", "http://127.0.0.1:8101/opleiding")
    assert by_alt is not None and by_alt.name == "ROC Nova College"
    assert directory.find("Onbekende school", "https://example.nl/") is None
