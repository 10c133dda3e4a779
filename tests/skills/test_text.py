from skills.text import (
    analyze,
    expand_abbreviations,
    fold,
    niveau_in,
    normalize_name,
    split_compound,
    stem,
    tokenize,
)


def test_fold_strips_accents_and_ampersand() -> None:
    assert fold("Café & Hôtel") == "cafe  en  hotel"
    assert tokenize("Helpende zorg & welzijn") == ["helpende", "zorg", "en", "welzijn"]


def test_abbreviations_expand() -> None:
    assert expand_abbreviations("VIG") == "verzorgende individuele gezondheidszorg"
    assert "kinderopvang" in analyze("PMK bbl")


def test_normalize_name_strips_title_decoration() -> None:
    assert normalize_name("Verzorgende IG MBO 3 BBL") == normalize_name("Verzorgende IG")
    assert normalize_name("MBO Pedagogisch Medewerker Kinderopvang niveau 3") == "pedagogisch medewerker kinderopvang"


def test_analyze_drops_stop_words_and_stems() -> None:
    tokens = analyze("De medewerkers van de kinderopvang")
    assert "de" not in tokens and "van" not in tokens
    assert analyze("medewerkers") == analyze("medewerker")


def test_niveau_in_title() -> None:
    assert niveau_in("Kok niveau 3") == 3
    assert niveau_in("Verzorgende IG MBO 3 BBL") == 3
    assert niveau_in("mbo-4 Manager retail") == 4
    assert niveau_in("Helpende zorg en welzijn") is None


LEXICON = frozenset({"heftruck", "certificaat", "auto", "schade", "hersteller", "veiligheid", "kundige", "boek",
                     "kast", "truck", "ing"})


def test_split_compound_longest_known_tail_and_linking_morphemes() -> None:
    assert split_compound("heftruckcertificaat", LEXICON) == ("heftruck", "certificaat")
    assert split_compound("autoschadehersteller", LEXICON) == ("auto", "schade", "hersteller")
    assert split_compound("veiligheidskundige", LEXICON) == ("veiligheid", "kundige")  # tussen-s
    assert split_compound("boekenkast", LEXICON) == ("boek", "kast")  # tussen-en


def test_split_compound_leaves_non_compounds_alone() -> None:
    assert split_compound("heftruck", LEXICON) == ()  # too short to be split
    assert split_compound("verzorging", LEXICON) == ()  # a 3-letter tail ("ing") is a suffix, not a part
    assert split_compound("onbekendwoord", LEXICON) == ()
    assert split_compound("heftruckcertificaat", frozenset()) == ()


def test_niveau_wanted_reads_stated_levels_and_colloquial_cues() -> None:
    from skills.text import niveau_wanted

    assert niveau_wanted("kok niveau 3") == 3
    assert niveau_wanted("entree opleiding zorg") == 1
    assert niveau_wanted("geen diploma, wil in een winkel werken") == 1
    assert niveau_wanted("zonder startkwalificatie") == 1
    assert niveau_wanted("lassen voor beginners") == 2
    assert niveau_wanted("iets korts in de horeca") == 2
    assert niveau_wanted("kapper") is None
    assert niveau_wanted("zzp starter in de bouw") is None  # not a level cue


def test_inflected_ieel_adjectives_share_the_plain_stem_after_folding() -> None:
    # "financiële" folds to "financiele"; without the restored "-ieel" it stemmed apart from "financieel".
    for plain, inflected in [("financieel", "financiële"), ("commercieel", "commerciële"), ("officieel", "officiële")]:
        assert stem(tokenize(inflected)[0]) == stem(tokenize(plain)[0])
    assert analyze("Medewerker (financiële) administratie") == analyze("medewerker financieel administratief")
