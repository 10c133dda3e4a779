"""How many offerings get a building-level coordinate (skills.locations.LocationResolver), on the sample web and on
the real pages in shared/pages.

    .venv/bin/python -m bench.location_resolution [--reference-dir DIR] [--pages DIR] [--small]

- ``sampleweb``: the sample web's truth offerings (their provider, URL and the places their pages name), resolved
  against the provider registry; the sample web's towns are real, its programmes invented;
- ``real_pages``: each real page run through ``crawler.extract.extract_page``, its first offering resolved with
  its own text (so a page naming a street can pick a building).

Counts offerings with at least one place, with at least one building-level place (``locatie``) and places by how
they were resolved. Writes bench/results/location_resolution.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract_page  # noqa: E402
from sampleweb.build import build_sampleweb  # noqa: E402
from sampleweb.truth import load_truth  # noqa: E402
from skills.locations import LEVEL_LOCATION, LocationResolver, ResolvedLocation  # noqa: E402
from skills.reference import load_reference  # noqa: E402

RESULTS = REPO / "bench" / "results" / "location_resolution.json"


def _summary(resolved: list[tuple[list[str], list[ResolvedLocation], bool]]) -> dict[str, object]:
    """(places named, resolutions, provider has located buildings) per offering → counts."""
    named = [r for r in resolved if r[0]]
    with_registry = [r for r in named if r[2]]
    how = Counter(x.how for _, found, _ in resolved for x in found)
    return {"offerings": len(resolved), "offerings_naming_a_place": len(named),
            "offerings_with_a_point": sum(1 for _, found, _ in named if found),
            "offerings_at_location": sum(1 for _, found, _ in named if any(x.level == LEVEL_LOCATION for x in found)),
            "offerings_naming_a_place_whose_provider_has_buildings": len(with_registry),
            "offerings_at_location_of_those": sum(1 for _, found, _ in with_registry
                                                  if any(x.level == LEVEL_LOCATION for x in found)),
            "places_named": sum(len(p) for p, _, _ in resolved), "places_by_how": dict(how.most_common())}


def sampleweb(resolver: LocationResolver, reference_dir: Path, small: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="llo-bench-loc-") as tmp:
        root = Path(tmp) / "web"
        build_sampleweb(root, reference_dir, small=small)
        truth = [t for t in load_truth(root) if not t.robots_disallowed]
    resolved = []
    for t in truth:
        url = f"http://{t.site}.example.nl{t.offering_url_path}"
        provider = resolver.provider_for(t.provider, url)
        resolved.append((list(t.locations), resolver.resolve(t.locations, t.provider, url, t.title),
                         provider is not None))
    return _summary(resolved)


def real_pages(resolver: LocationResolver, pages_dir: Path) -> dict[str, object]:
    rows = list(csv.DictReader((pages_dir / "pages_truth.csv").open(encoding="utf-8")))
    resolved = []
    details = []
    for row in rows:
        result = extract_page((pages_dir / "texts" / row["file"]).read_bytes(), row["url"], content_type="text/plain")
        if not result.offerings:
            continue
        o = result.offerings[0]
        found = resolver.resolve(o.locations, o.provider, o.url, f"{o.title}\n{o.description}")
        provider = resolver.provider_for(o.provider, o.url)
        resolved.append((list(o.locations), found, provider is not None))
        details.append({"file": row["file"], "truth_location": row["location"], "extracted": o.locations,
                        "registry_provider": provider.name if provider else None,
                        "resolved": [f"{x.level}: {x.location or x.city} ({x.how})" for x in found]})
    return {**_summary(resolved), "pages": details}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--pages", type=Path, default=REPO.parent / "shared" / "pages")
    parser.add_argument("--small", action="store_true", help="the small sample web instead of the full one")
    args = parser.parse_args(argv)
    ref = load_reference(args.reference_dir)
    resolver = LocationResolver(ref.providers, ref.gazetteer)
    result = {"sampleweb": sampleweb(resolver, args.reference_dir, args.small),
              "real_pages": real_pages(resolver, args.pages)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "pages"} for k, v in result.items()},
                     ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
