"""ROCs from institutions/institutions.csv → Provider (kind ROC).

The name is the 2012 name when known, else the 2002 name (see institutions/PROVENANCE.md). A website is
only set where the source evidences the domain.
"""

from __future__ import annotations

from skills.model import Provider, ProviderKind
from skills.reference.table import ReferenceFiles, read_keyed
from skills.reference.validation import BRIN_RE, ProblemLog

INSTITUTIONS_FILE = "institutions/institutions.csv"
COLUMNS = ("brin", "naam_2012", "naam_2002", "website_evidenced")


def load_providers(files: ReferenceFiles, log: ProblemLog) -> list[Provider]:
    rows = read_keyed(files, INSTITUTIONS_FILE, lambda r: r.get("brin"), log, "BRIN",
                      required=COLUMNS, overlay_required=("brin",))
    providers = []
    for brin, row in (rows or {}).items():
        if not BRIN_RE.fullmatch(brin):
            log.add(row.file, row.line, f"malformed BRIN {brin!r} (expected 2 digits + 2 letters, e.g. 25LX)")
            continue
        name = row.get("naam_2012") or row.get("naam_2002")
        if not name:
            log.add(row.file, row.line, f"BRIN {brin}: no name (naam_2012 and naam_2002 both empty)")
            continue
        domain = row.get("website_evidenced").lower().removeprefix("https://").removeprefix("http://")
        domain = domain.removeprefix("www.").strip("/")
        providers.append(Provider(
            name=name,
            brin=brin,
            website=f"https://www.{domain}/" if domain else None,
            kind=ProviderKind.ROC,
            start_urls=(f"https://www.{domain}/",) if domain else (),
            allowed_domains=(domain,) if domain else (),
        ))
    return providers
