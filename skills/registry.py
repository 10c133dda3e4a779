"""The provider registry as a directory: which registry institution an offering's provider is.

An offering names its provider as the site did (a ROC's registry name on the sample web, a school's own name on a
real site). It is found by the offering's website host first (``www.scalda.nl`` → Scalda; a subdomain such as
``mbovoorprofessionals.rocmn.nl`` counts for its parent domain), then by name: the registry name or KiesMBO's
current name, compared as folded words.
"""

from __future__ import annotations

from collections.abc import Iterable

from skills.geo import normalize_name
from skills.model import Provider


def host_of(url: str) -> str:
    """``https://www.Scalda.nl:443/x`` → ``scalda.nl``; "" for an empty URL."""
    host = url.lower().split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host.removeprefix("www.")


class ProviderDirectory:
    """Registry providers by website host and by name; the first registered wins a shared key."""

    def __init__(self, providers: Iterable[Provider]) -> None:
        self.providers = list(providers)
        self._by_host: dict[str, Provider] = {}
        self._by_name: dict[str, Provider] = {}
        for provider in self.providers:
            for domain in (*provider.allowed_domains, host_of(provider.website or "")):
                if domain:
                    self._by_host.setdefault(domain.removeprefix("www."), provider)
            for name in (provider.name, provider.alt_name):
                if normalize_name(name):
                    self._by_name.setdefault(normalize_name(name), provider)

    def find(self, provider_name: str, url: str = "") -> Provider | None:
        """The registry provider of an offering (see the module doc), or None."""
        host = host_of(url) if url else ""
        while host.count(".") >= 1:
            if host in self._by_host:
                return self._by_host[host]
            host = host.split(".", 1)[1]
        return self._by_name.get(normalize_name(provider_name))
