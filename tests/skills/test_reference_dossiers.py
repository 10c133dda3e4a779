"""Kerntaken/werkprocessen from the SBB CSVs and profielen_kerntaken.json."""

from __future__ import annotations

from pathlib import Path

from skills.reference import load_reference, validate_reference
from tests.skills.reference_helpers import MINI, mini_copy, replace_in


def test_coded_kerntaken_in_code_order() -> None:
    pmk = load_reference(MINI).qualifications["25486"]
    assert [k.code for k in pmk.kerntaken] == ["B1-K1", "P1-K1"]
    assert [w.code for w in pmk.kerntaken[0].werkprocessen] == ["B1-K1-W1", "B1-K1-W2"]
    assert pmk.kerntaken[0].werkprocessen[1].description == "Bedenkt een activiteit,\npassend bij het kind."
    assert pmk.beroepsbeschrijving.startswith("De pedagogisch medewerker")
    assert pmk.sectorkamer == "Sectorkamer zorg, welzijn en sport"


def test_uncoded_profiles_attach_by_crebo() -> None:
    data = load_reference(MINI)
    verkoper = data.qualifications["25503"]
    assert [k.name for k in verkoper.kerntaken] == ["Voert verkoopwerkzaamheden uit"]
    assert [w.name for w in verkoper.kerntaken[0].werkprocessen] == ["Helpt klanten", "Rekent af"]
    assert all(w.code == "" for w in verkoper.kerntaken[0].werkprocessen)
    assert data.counts()["qualifications_with_werkprocessen"] == 2


def test_malformed_werkproces_code(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    path = ref / "kwalificatiedossiers" / "kerntaken_werkprocessen.csv"
    replace_in(path, "B1-K1-W1,", "B1-K1-1,")
    problems = validate_reference(ref)[1]
    assert any(p[0] == str(path) and p[1] == 4 and "malformed werkproces code 'B1-K1-1'" in p[2] for p in problems)


def test_unknown_dossier_and_profile_references(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    path = ref / "kwalificatiedossiers" / "kerntaken_werkprocessen.csv"
    replace_in(path, "test.xml,23183,", "test.xml,29999,")
    replace_in(path, "profiel,25486,", "profiel,25078,")
    problems = validate_reference(ref)[1]
    assert any(p[1] == 2 and "unknown dossier reference '29999'" in p[2] for p in problems)
    assert any(p[1] == 5 and "unknown profile reference '25078'" in p[2] for p in problems)


def test_profile_in_other_dossier_than_the_list(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    replace_in(ref / "kwalificatiedossiers" / "profielen.csv", "test.xml,23183,", "test.xml,23999,")
    problems = validate_reference(ref)[1]
    assert any("qualification list puts it in dossier 23183" in p[2] for p in problems)


def test_json_unknown_crebo_and_invalid_json(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    path = ref / "kwalificatiedossiers" / "profielen_kerntaken.json"
    replace_in(path, '"25503"', '"25999"')
    problems = validate_reference(ref)[1]
    assert (str(path), None, "entry 1 ('Verkoper'): unknown crebo reference 25999") in problems
    path.write_text('[\n  {"kwalificatie": "x",\n  }\n]\n', encoding="utf-8")
    problems = validate_reference(ref)[1]
    assert any(p[0] == str(path) and p[1] == 3 and "invalid JSON" in p[2] for p in problems)


def test_new_profile_from_imported_dossier_becomes_a_qualification(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    path = ref / "kwalificatiedossiers" / "profielen.csv"
    row = path.read_text(encoding="utf-8").splitlines()[1]
    path.write_text(path.read_text(encoding="utf-8") + row.replace(",25486,Pedagogisch medewerker kinderopvang,3,",
                                                                   ",25697,Pedagogisch medewerker nieuw,4,") + "\n",
                    encoding="utf-8")
    data = load_reference(ref)
    new = data.qualifications["25697"]
    assert (new.name, new.niveau, new.dossier_crebo) == ("Pedagogisch medewerker nieuw", 4, "23183")
    assert [k.code for k in new.kerntaken] == ["B1-K1"]  # the dossier's basisdeel
