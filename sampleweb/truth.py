"""Records the sample web is described by (sites.json, truth.jsonl, pages.jsonl) and reading them back.

Paths in these records are URL paths on the site ("/opleidingen/kok?page=2" style, query included);
the crawler's URLs add scheme, host and port.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from skills.errors import NotFoundError, ReferenceDataError


@dataclass(frozen=True, slots=True)
class SiteInfo:
    slug: str
    name: str
    kind: str  # ProviderKind value: "roc" | "private"
    brin: str | None
    style: str  # "jsonld_cms" | "kort" | "prose" | "tables" | "listing" | "catalogue"
    port_index: int  # the site listens on base_port + port_index when a base port is given


@dataclass(slots=True)
class SampleWebInfo:
    out: Path
    providers: list[SiteInfo]
    n_offerings: int
    n_pages: int


@dataclass(slots=True)
class TruthOffering:
    """One offering a perfect crawler+extractor would store (unless ``robots_disallowed``)."""

    site: str
    page_path: str  # the path whose body holds the data (HTML page or JSON endpoint)
    offering_url_path: str  # the offering's own path; differs from page_path only for catalogue feed items
    provider: str
    title: str  # as shown
    crebo: str | None  # the true 2015-list crebo of the (parent) qualification; None for non-mbo courses
    crebo_stated: str | None  # as printed on the page; None when absent
    certificate: str | None
    offering_type: str  # OfferingType value
    leerwegen: list[str]
    niveau: int | None
    locations: list[str]
    duration: str | None
    price_eur: float | None
    start_dates: list[str]  # ISO dates; a month-only date ("februari 2027") is the 1st of that month
    target_group: list[str]
    robots_disallowed: bool = False
    injection: bool = False  # the page carries prompt-injection text and <script> in its description
    crebo_legacy: bool = False  # crebo_stated is a 2014-list code
    kerntaken: list[str] = field(default_factory=list)  # certificate: kerntaak codes covered
    werkprocessen: list[str] = field(default_factory=list)  # certificate: werkproces codes covered


@dataclass(slots=True)
class TruthPage:
    site: str
    path: str
    is_offering: bool
    page_type: str  # offering | listing | catalogue | catalogue-feed | home | news | contact | vacancy | cost-policy | open-day | info
    robots_disallowed: bool = False
    injection: bool = False
    n_offerings: int = 0


T = TypeVar("T")


def write_jsonl(path: Path, records: list[Any]) -> None:
    """One JSON object per line, keys sorted, so identical input gives identical bytes."""
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(asdict(rec), ensure_ascii=False, sort_keys=True) + "\n")


def _read_jsonl(path: Path, cls: type[T]) -> list[T]:
    if not path.exists():
        raise NotFoundError(f"{path} not found; run `llo sampleweb build` first")
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    out: list[T] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                out.append(cls(**{k: v for k, v in data.items() if k in names}))
            except (ValueError, TypeError) as exc:
                raise ReferenceDataError(f"{path}:{lineno}: bad record", [(str(path), lineno, str(exc))]) from exc
    return out


def load_truth(root: Path) -> list[TruthOffering]:
    """Every offering of the sample web at ``root`` (``root/truth.jsonl``)."""
    return _read_jsonl(Path(root) / "truth.jsonl", TruthOffering)


def load_pages(root: Path) -> list[TruthPage]:
    """Every page (HTML and JSON endpoint) of the sample web at ``root`` (``root/pages.jsonl``)."""
    return _read_jsonl(Path(root) / "pages.jsonl", TruthPage)


def load_sites(root: Path) -> list[SiteInfo]:
    """The providers of the sample web at ``root`` (``root/sites.json``), in port_index order."""
    path = Path(root) / "sites.json"
    if not path.exists():
        raise NotFoundError(f"{path} not found; run `llo sampleweb build` first")
    try:
        return [SiteInfo(**item) for item in json.loads(path.read_text(encoding="utf-8"))]
    except (ValueError, TypeError) as exc:
        raise ReferenceDataError(f"{path}: bad site list", [(str(path), None, str(exc))]) from exc
