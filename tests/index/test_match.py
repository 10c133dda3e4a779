"""index.match: offerings of the matched qualifications, best qualification first."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.match import group_by_crebo, match_text, payload_crebo
from skills.matching import TextMatcher
from skills.reference import load_reference
from skills.vocabulary import build_vocabulary


@pytest.fixture(scope="module")
def matcher(reference_dir: Path) -> TextMatcher:
    ref = load_reference(reference_dir, lexicon=None)
    return TextMatcher(ref, build_vocabulary(ref))


PAYLOADS = [
    {"id": "a", "title": "Kok bbl", "qualification": {"crebo": "25180", "name": "Kok"}},
    {"id": "b", "title": "Verzorgende IG", "qualification": {"crebo": "25491", "name": "Verzorgende IG"}},
    {"id": "c", "title": "VIG deeltijd", "mapping": {"crebo": "25491"}},
    {"id": "d", "title": "Open dag", "mapping": {"crebo": None}},
]


def test_group_by_crebo() -> None:
    grouped = group_by_crebo(PAYLOADS)
    assert {c: [p["id"] for p in ps] for c, ps in grouped.items()} == {"25180": ["a"], "25491": ["b", "c"]}
    assert payload_crebo(PAYLOADS[3]) is None


def test_offerings_follow_the_qualification_ranking(matcher: TextMatcher) -> None:
    result = match_text(matcher, group_by_crebo(PAYLOADS), "Wij zoeken een verzorgende IG voor de thuiszorg.",
                        qualifications=3, offerings=2)
    assert result.qualifications[0].key == "25491"
    assert [o.payload["id"] for o in result.offerings] == ["b", "c"]
    assert result.offerings[0].score == result.qualifications[0].score
