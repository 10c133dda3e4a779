"""TextMatcher: texts without codes matched to qualifications, with every code each is known by."""

from __future__ import annotations

from pathlib import Path

import pytest

from skills.errors import InvalidQueryError
from skills.matching import MAX_TEXT_CHARS, TextMatcher, check_text
from skills.reference import load_reference
from skills.vocabulary import build_vocabulary


@pytest.fixture(scope="module")
def matcher(reference_dir: Path) -> TextMatcher:
    ref = load_reference(reference_dir)
    return TextMatcher(ref, build_vocabulary(ref))


def test_vacancy_naming_a_renumbered_qualification_gives_its_current_code(matcher: TextMatcher) -> None:
    text = ("Voor ons verpleeghuis zoeken wij een collega die bewoners helpt met wassen en aankleden, medicijnen "
            "aanreikt en rapporteert. Je hebt een diploma verzorgende IG of haalt het via bbl.")
    top = matcher.match(text, limit=3)[0]
    assert (top.crebo, top.name, top.key) == ("25656", "Verzorgende IG", "25491")
    assert top.codes[:2] == ("25656", "25491") and "wassen en aankleden" in top.matched_skills


def test_words_alone_find_the_occupation(matcher: TextMatcher) -> None:
    text = "In de keuken bereid je gerechten, maak je de mise en place en bewaak je de hygiëne. Ervaring met koken."
    assert matcher.match(text, limit=3)[0].key in {"25180", "25182"}  # Kok / Zelfstandig werkend kok


def test_newer_qualification_without_predecessor_can_be_the_answer(matcher: TextMatcher) -> None:
    top = matcher.match("Gezocht: persoonlijk begeleider maatschappelijke zorg voor een beschermd wonen locatie.")[0]
    assert (top.crebo, top.codes) == ("25779", ("25779",))


def test_results_are_ranked_and_limited(matcher: TextMatcher) -> None:
    results = matcher.match("heftruck rijden, orderpicken en goederen ontvangen in een magazijn", limit=4)
    assert len(results) == 4 and [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_masked_school_document_matches_its_crebo(matcher: TextMatcher, reference_dir: Path) -> None:
    from bench.match_documents import mask

    doc = next(d for d in load_reference(reference_dir, lexicon=None).documents
               if d.crebo == "25698" and d.school == "utrecht_oeren")
    text = mask(doc.text())
    assert "25698" not in text
    assert "25698" in matcher.match(text, limit=1)[0].codes


def test_empty_and_too_long_texts_get_a_dutch_message() -> None:
    with pytest.raises(InvalidQueryError, match="Plak een tekst"):
        check_text("  ")
    with pytest.raises(InvalidQueryError, match=r"te lang: 100\.001 tekens, maximaal 100\.000"):
        check_text("a" * (MAX_TEXT_CHARS + 1))
    assert check_text(" vacature ") == "vacature"


def test_a_next_step_is_not_what_the_text_is_about(matcher: TextMatcher) -> None:
    onward = "Doorstroommogelijkheden na deze opleiding: Persoonlijk begeleider maatschappelijke zorg. "
    about = "Deze regeling hoort bij de opleiding Begeleider maatschappelijke zorg. "
    top = matcher.match(onward + about + "Je ondersteunt cliënten bij wonen en dagbesteding.", limit=1)[0]
    assert top.name == "Begeleider maatschappelijke zorg"
    # Without the cue the later name counts like any other mention.
    plain = matcher.match("Persoonlijk begeleider maatschappelijke zorg: je ondersteunt cliënten bij wonen.", limit=1)[0]
    assert plain.name == "Persoonlijk begeleider maatschappelijke zorg"
