"""The Dutch web page in real Chromium over the real app and a small real index.

Queries are taken from the indexed data (an offering's qualification name and place), so the tests follow
the sample web rather than hard-coding what it happens to contain.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import Page, expect

from index.filters import SearchFilters
from tests.frontend.conftest import Console, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UNKNOWN_WORDS = "Geen van je zoekwoorden komt voor in het aanbod"


def console(page: Page) -> Console:
    found: Console = page.console  # type: ignore[attr-defined]
    return found


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def payloads(server: LiveServer) -> list[dict[str, Any]]:
    return sorted(server.state.require_engine().payloads, key=lambda p: str(p["id"]))


@pytest.fixture(scope="module")
def bbl_offering(live_server: LiveServer) -> dict[str, Any]:
    """A mapped BBL offering with a known location whose qualification has kerntaken: its qualification
    name is the test query."""
    quals = live_server.state.ref.qualifications
    for p in payloads(live_server):
        crebo = (p.get("qualification") or {}).get("crebo")
        if "BBL" in (p.get("leerwegen") or []) and crebo in quals and quals[crebo].kerntaken and p.get("geo"):
            return p
    pytest.fail("the small index holds no mapped BBL offering with a geocoded place")


def search(page: Page, server: LiveServer, query: str) -> None:
    """Type the query the way a person does and submit with Enter; wait for the result count."""
    page.goto(server.url)
    page.locator("#q").click()
    page.keyboard.type(query)
    page.keyboard.press("Enter")  # no suggestion is active, so Enter submits the typed words
    expect(page.locator("#search-status")).to_contain_text("gevonden")


def test_search_shows_cards_with_why_it_fits(page: Page, live_server: LiveServer,
                                            bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    search(page, live_server, query)
    assert params(page)["q"] == [query]
    cards = page.locator("#results .card")
    assert cards.count() >= 1
    first = cards.first
    expect(first.locator(".card-title a")).to_have_attribute("href", re.compile(r"view=aanbod&id="))
    expect(first.locator(".card-provider")).not_to_be_empty()
    expect(page.locator("#results .why").first).to_contain_text("Waarom past dit?")
    expect(page.locator(f"#results .card[data-offering-id='{bbl_offering['id']}']")).to_have_count(1)
    expect(page.locator("#export-csv")).to_have_attribute("href", re.compile(r"export\.csv\?q="))
    console(page).assert_clean()


def test_autocomplete_works_with_the_keyboard(page: Page, live_server: LiveServer,
                                             bbl_offering: dict[str, Any]) -> None:
    page.goto(live_server.url)
    box = page.locator("#q")
    box.click()
    page.keyboard.type(bbl_offering["qualification"]["name"][:5].lower(), delay=30)
    options = page.locator("#q-suggestions [role=option]")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "q-option-0")
    chosen = options.first.inner_text()
    page.keyboard.press("Enter")
    expect(box).to_have_value(chosen)
    expect(box).to_have_attribute("aria-expanded", "false")
    page.wait_for_url(re.compile(r"[?&]q="))
    assert params(page)["q"] == [chosen]
    # Escape closes an open list without clearing what was typed.
    box.fill("")
    page.keyboard.type(bbl_offering["qualification"]["name"][:5].lower(), delay=30)
    expect(options.first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#q-suggestions")).to_be_hidden()
    console(page).assert_clean()


def test_filter_by_leerweg_and_place_and_go_back(page: Page, live_server: LiveServer,
                                                 bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    place = bbl_offering["locations"][0]
    search(page, live_server, query)
    bbl_box = page.locator("#facet-groups input[name=leerweg][value=BBL]")
    expect(bbl_box).to_be_visible()
    bbl_box.check()
    page.wait_for_url(re.compile(r"leerweg=BBL"))
    expect(page.locator("#search-status")).to_contain_text("gevonden")
    expect(page.locator("#filters-active")).to_have_text("1 actief")
    # An offering that names no leerweg passes through its qualification's leerwegen, so only cards that
    # do name leerwegen are checked.
    for card in page.locator("#results .card").all():
        named = card.locator(".tag-leerweg").all_inner_texts()
        assert not named or "BBL" in named, named

    page.locator("#place").fill(place)
    page.locator("#place").press("Enter")
    page.wait_for_url(re.compile(r"place="))
    assert params(page)["place"] == [place] and params(page)["leerweg"] == ["BBL"]
    expect(page.locator("#search-status")).to_contain_text("gevonden")
    expect(page.locator(f"#results .card[data-offering-id='{bbl_offering['id']}']")).to_have_count(1)
    expect(page.locator("#results .card").first).to_contain_text("km")

    # Back and forward restore the filters (all state is in the query string).
    page.go_back()
    page.wait_for_url(lambda url: "place=" not in url)
    expect(page.locator("#place")).to_have_value("")
    expect(page.locator("#facet-groups input[name=leerweg][value=BBL]")).to_be_checked()
    page.go_forward()
    page.wait_for_url(re.compile(r"place="))
    expect(page.locator("#place")).to_have_value(place)
    # A shared link shows the same search.
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator("#place")).to_have_value(place)
    expect(other.locator("#facet-groups input[name=leerweg][value=BBL]")).to_be_checked()
    other.close()
    console(page).assert_clean()


def test_offering_detail_shows_evidence_source_and_stagemarkt(page: Page, live_server: LiveServer,
                                                             bbl_offering: dict[str, Any]) -> None:
    search(page, live_server, bbl_offering["qualification"]["name"])
    link = page.locator(f"#results .card[data-offering-id='{bbl_offering['id']}'] .card-title a")
    link.click()
    page.wait_for_url(re.compile(r"view=aanbod"))
    title = page.locator("#aanbod-title")
    expect(title).to_have_text(bbl_offering["title"])
    expect(title).to_be_focused()
    content = page.locator("#aanbod-content")
    expect(content).to_contain_text("Waarom gekoppeld aan deze kwalificatie")
    expect(content).to_contain_text(bbl_offering["provider"])
    expect(content.locator("a.external", has_text="Bekijk op de site van de aanbieder")).to_have_attribute(
        "href", bbl_offering["url"])
    expect(content.locator("a.external", has_text="Stagemarkt")).to_have_attribute(
        "href", re.compile(r"^https://stagemarkt\.nl/"))
    # Back returns to the same results.
    page.go_back()
    expect(page.locator(f"#results .card[data-offering-id='{bbl_offering['id']}']")).to_have_count(1)
    console(page).assert_clean()


def test_qualification_page(page: Page, live_server: LiveServer, bbl_offering: dict[str, Any]) -> None:
    qual = bbl_offering["qualification"]
    search(page, live_server, qual["name"])
    page.locator(f"#results .card[data-offering-id='{bbl_offering['id']}'] a.qual-link").click()
    page.wait_for_url(re.compile(rf"view=kwalificatie&crebo={qual['crebo']}"))
    expect(page.locator("#kwalificatie-title")).to_have_text(qual["name"])
    content = page.locator("#kwalificatie-content")
    expect(content).to_contain_text(f"Crebo{qual['crebo']}")
    expect(content.locator("h2", has_text="Kerntaken en werkprocessen")).to_be_visible()
    expect(content.locator("details.kerntaak").first).to_be_visible()
    expect(content.locator(".provider-group h3", has_text=bbl_offering["provider"])).to_be_visible()
    expect(content.locator(f".card[data-offering-id='{bbl_offering['id']}']")).to_have_count(1)
    console(page).assert_clean()


def test_paste_a_vacancy_shows_qualifications_and_offerings(page: Page, live_server: LiveServer,
                                                           bbl_offering: dict[str, Any]) -> None:
    qual = bbl_offering["qualification"]
    page.goto(live_server.url)
    page.locator("#match-panel summary").click()
    page.locator("#match-text").fill(f"Vacature: wij zoeken een {qual['name'].lower()} voor ons team. "
                                     "Je kunt ook bij ons leren via bbl.")
    page.get_by_role("button", name="Zoek passende kwalificaties").click()
    results = page.locator("#match-results")
    first = results.locator(".match-qual a").first
    expect(first).to_have_text(qual["name"])
    expect(results.locator(".card").first).to_be_visible()
    first.click()
    page.wait_for_url(re.compile(r"view=kwalificatie&crebo=\d{5}"))
    expect(page.locator("#kwalificatie-title")).to_have_text(qual["name"])
    console(page).assert_clean()


def test_paste_a_vacancy_with_a_place_shows_offerings_there(page: Page, live_server: LiveServer,
                                                            bbl_offering: dict[str, Any]) -> None:
    qual = bbl_offering["qualification"]
    town = bbl_offering["locations"][0]
    page.goto(live_server.url + f"?q={quote(qual['name'])}&place={quote(town)}")
    page.locator("#match-panel summary").click()
    expect(page.locator("#match-place")).to_have_value(town)  # taken over from the search filters
    page.locator("#match-text").fill(f"Vacature: wij zoeken een {qual['name'].lower()} in {town}.")
    page.get_by_role("button", name="Zoek passende kwalificaties").click()
    results = page.locator("#match-results")
    expect(results.locator("h3", has_text="in de buurt van")).to_be_visible()
    expect(results.locator(f".card[data-offering-id='{bbl_offering['id']}']")).to_have_count(1)
    console(page).assert_clean()


def test_chat_answer_cites_offerings_that_link_to_their_cards(page: Page, live_server: LiveServer,
                                                              bbl_offering: dict[str, Any]) -> None:
    page.goto(live_server.url)
    page.locator("#chat-toggle").click()
    expect(page.locator("#chat-panel")).to_be_visible()
    expect(page.locator("#chat-input")).to_be_focused()
    question = (f"Ik ben werkzoekende en wil {bbl_offering['qualification']['name'].lower()} worden, "
                f"via bbl in {bbl_offering['locations'][0]}")
    page.keyboard.type(question)
    page.keyboard.press("Enter")
    expect(page.locator("#chat-log .msg-user")).to_have_text(re.compile(re.escape(question[:30])))
    citation = page.locator("#chat-log a.citation").first
    expect(citation).to_be_visible(timeout=30_000)
    cited_id = citation.get_attribute("data-citation")
    cited_title = citation.inner_text()
    known_ids = {str(p["id"]) for p in payloads(live_server)}
    assert cited_id in known_ids
    expect(page.locator("#chat-log .applied")).to_contain_text("BBL")
    citation.click()
    page.wait_for_url(re.compile(rf"view=aanbod&id={cited_id}"))
    expect(page.locator("#aanbod-title")).to_have_text(cited_title)
    expect(page.locator(f"#aanbod-content article#aanbod-{cited_id}")).to_have_count(1)
    console(page).assert_clean()


def test_chat_holds_a_long_conversation_and_forgets_what_you_remove(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url)
    page.locator("#chat-toggle").click()

    def say(text: str, replies: int) -> None:
        page.locator("#chat-input").fill(text)
        page.keyboard.press("Enter")
        expect(page.locator("#chat-log .msg-bot:not(.msg-pending)")).to_have_count(replies, timeout=30_000)

    say("glaszetter", 1)
    say("in Venlo", 2)
    chips = page.locator("#chat-state .chip")
    expect(chips.filter(has_text="Venlo")).to_have_count(1)
    expect(chips.filter(has_text="glaszetter")).to_have_count(1)
    page.locator("#chat-state .chip", has_text="Venlo").locator("button.chip-remove").click()
    expect(chips.filter(has_text="Venlo")).to_have_count(0)
    say("wat is het verschil tussen bol en bbl?", 3)
    expect(page.locator("#chat-log .msg-bot").last.locator("a.source").first).to_be_visible()
    # F3: the page used to send the whole log and fail from the 11th turn; it now sends the last few
    # messages and the state
    for n in range(4, 13):
        say("en niveau 2?" if n % 2 else "glaszetter", n)
    expect(page.locator("#chat-log .msg-error")).to_have_count(0)
    expect(chips.filter(has_text="glaszetter")).to_have_count(1)
    expect(chips.filter(has_text="Venlo")).to_have_count(0)
    console(page).assert_clean()


def test_coverage_dashboard_draws_its_charts(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}?view=dekking")
    charts = page.locator("#dekking-content svg.chart")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 2
    domains = page.locator("[data-chart=chart-kwal] svg .chart-row")
    assert domains.count() >= 3
    assert page.locator("[data-chart=chart-kwal] svg rect.bar-with").count() >= 1
    assert page.locator("[data-chart=chart-kwal] svg rect.bar-without").count() >= 1
    expect(page.locator(".tile").first).to_contain_text("kwalificaties")
    # The same numbers are available as a table.
    page.locator("[data-chart=chart-kwal] + details summary").click()
    assert page.locator("[data-chart=chart-kwal] + details tbody tr").count() == domains.count()
    expect(page.locator(".main-nav a[aria-current=page]")).to_have_text("Dekking")
    # Per arbeidsmarktregio (all 35) and the certificates' denominator named in words.
    regions = page.locator("details", has_text="Per arbeidsmarktregio")
    regions.locator("summary").click()
    assert regions.locator("tbody tr").count() == 35
    expect(page.locator("#dekking-content")).to_contain_text("niet de officiële lijst")
    console(page).assert_clean()


def test_keyboard_only_reaches_and_opens_a_result(page: Page, live_server: LiveServer,
                                                  bbl_offering: dict[str, Any]) -> None:
    page.goto(live_server.url)
    # Tab from the top of the page to the search box, type, submit: no mouse anywhere.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type(bbl_offering["qualification"]["name"])
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).to_contain_text("gevonden")
    # From the top again: the second skip link jumps to the results, the next Tab is the first card.
    page.reload()
    expect(page.locator("#search-status")).to_contain_text("gevonden")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link").first).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#skip-results")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first_link = page.locator("#results .card-title a").first
    expect(first_link).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focused links must show a focus style"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"view=aanbod"))
    expect(page.locator("#aanbod-title")).to_be_focused()
    console(page).assert_clean()


def test_phone_width_has_no_horizontal_scroll(phone: Page, live_server: LiveServer,
                                              bbl_offering: dict[str, Any]) -> None:
    qual = bbl_offering["qualification"]
    views = [
        "",
        f"?q={qual['name']}",
        f"?view=aanbod&id={bbl_offering['id']}",
        f"?view=kwalificatie&crebo={qual['crebo']}",
        "?view=dekking",
    ]
    ready = ["#q", "#results .card", "#aanbod-title", "#kwalificatie-title", "svg.chart"]
    for query, selector in zip(views, ready, strict=True):
        phone.goto(live_server.url + query)
        expect(phone.locator(selector).first).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{query or 'start page'} is {width}px wide at a 375px viewport"
    # The chat panel covers the screen on a phone and still fits.
    phone.locator("#chat-toggle").click()
    expect(phone.locator("#chat-panel")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    console(phone).assert_clean()


def test_crawled_script_is_shown_as_text_never_run(page: Page, live_server: LiveServer) -> None:
    injected = [p for p in payloads(live_server)
                if p["id"] in live_server.built.injection_ids and "<script" in (p.get("description") or "")]
    assert injected, "the sample web should hold offerings whose crawled text carries a <script>"
    offering_id = injected[0]["id"]
    page.goto(f"{live_server.url}?view=aanbod&id={offering_id}")
    description = page.locator("#aanbod-content .crawled-text")
    expect(description.first).to_be_visible()
    text = " ".join(description.all_inner_texts())
    assert "<script>" in text, "the injected markup should be visible as text"
    assert page.locator("#aanbod-content script").count() == 0
    assert urlparse(page.url).hostname == "127.0.0.1"
    # The injected script would redirect or alert: neither happened, and nothing left the machine.
    console(page).assert_clean()


def test_empty_result_and_persona_suggests_filters_visibly(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}?q=qqxz+vvbw")
    expect(page.locator("#results .empty")).to_contain_text(UNKNOWN_WORDS)
    expect(page.locator("#search-status")).to_contain_text(UNKNOWN_WORDS)
    page.locator(".persona[data-persona=werkgever]").click()
    page.wait_for_url(re.compile(r"persona=werkgever"))
    # The werkgever entry applies no hidden filter: BBL is offered as a visible suggestion.
    assert "leerweg" not in params(page)
    expect(page.locator(".persona[data-persona=werkgever]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#persona-hint")).to_contain_text("Stagemarkt")
    suggestion = page.locator("#persona-hint button", has_text="BBL")
    suggestion.click()
    page.wait_for_url(re.compile(r"leerweg=BBL"))
    expect(page.locator("#filters-active")).to_have_text("1 actief")
    expect(page.locator("#persona-hint button", has_text="BBL")).to_have_count(0)
    page.reload()
    expect(page.locator("#persona-hint")).to_be_visible()
    console(page).assert_clean()


def test_api_docs_work_offline(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("llo-zoeker")
    expect(page.locator(".swagger-ui .opblock-summary-path", has_text="/api/search").first).to_be_visible()
    console(page).assert_clean()


def test_nothing_near_says_so_and_offers_the_nearest(page: Page, live_server: LiveServer,
                                                    bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    page.goto(f"{live_server.url}?q={query}&place=Texel&radius_km=5")  # no school on the island
    empty = page.locator("#results .empty")
    expect(empty).to_contain_text(f"Geen passend aanbod voor ‘{query}’ binnen 5 km van Texel")
    expect(empty).to_contain_text("Dichtstbijzijnde")
    nearest = page.locator("#results .card")
    expect(nearest.first).to_be_visible()
    expect(nearest.first.locator(".outside")).to_contain_text(re.compile(r"Buiten je filters: \d+ km"))
    expect(page.locator("#results-toolbar")).to_be_hidden()  # no total, no export of non-matches
    console(page).assert_clean()


def test_places_as_people_name_them(page: Page, live_server: LiveServer, bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    page.goto(f"{live_server.url}?q={query}&place=Amsterdm")
    expect(page.locator("#place-note")).to_contain_text("Bedoelde je Amsterdam?")
    page.locator("#place-note a", has_text="Zoek zonder plaats").click()
    page.wait_for_url(lambda url: "place=" not in url)
    expect(page.locator("#place-note")).to_be_hidden()
    page.goto(f"{live_server.url}?q={query}&place=Twente")
    expect(page.locator("#place-note")).to_contain_text("Je zoekt in de arbeidsmarktregio Twente.")
    expect(page.locator("#search-error")).to_be_hidden()
    page.goto(f"{live_server.url}?q={query}&place=Nederland")
    expect(page.locator("#place-note")).to_contain_text("heel Nederland")
    expect(page.locator("#search-status")).to_contain_text("gevonden")
    console(page).assert_clean()


def test_explanations_prices_and_dutch_errors(page: Page, live_server: LiveServer,
                                              bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    search(page, live_server, query)
    cards = page.locator("#results .card")
    for i in range(cards.count()):  # every result explains itself in the user's own words
        expect(cards.nth(i).locator(".why-words")).to_contain_text("„")
    facts = " ".join(page.locator("#results .facts").all_inner_texts())
    assert "€" in facts or "prijs onbekend" in facts
    console(page).assert_clean()
    page.goto(f"{live_server.url}?q={query}&niveau=9")
    error = page.locator("#search-error")
    expect(error).to_contain_text("Kies niveau 1 (entree), 2, 3 of 4.")
    assert "Input should" not in error.inner_text() and "niveau.0" not in error.inner_text()
    # The browser logs the refused request itself; the page raised nothing.
    assert all("422" in e and "page error" not in e for e in console(page).errors), console(page).errors


def test_qualification_page_searches_by_crebo_and_csv_opens_in_excel(page: Page, live_server: LiveServer,
                                                                    bbl_offering: dict[str, Any]) -> None:
    qual = bbl_offering["qualification"]
    page.goto(f"{live_server.url}?view=kwalificatie&crebo={qual['crebo']}")
    page.locator("a", has_text="Zoek opleidingen voor deze kwalificatie").click()
    page.wait_for_url(re.compile(rf"crebo={qual['crebo']}"))
    expect(page.locator("#crebo-filter")).to_contain_text(f"crebo {qual['crebo']}")
    expect(page.locator("#search-status")).to_contain_text("gevonden")
    for link in page.locator("#results .qual-link").all():
        assert link.get_attribute("href") is not None and f"crebo={qual['crebo']}" in str(link.get_attribute("href"))
    href = page.locator("#export-csv").get_attribute("href")
    assert href is not None and f"crebo={qual['crebo']}" in href
    body = page.request.get(live_server.url + href).body()
    assert body.startswith(b"\xef\xbb\xbf") and body.decode("utf-8-sig").startswith("Opleiding;Aanbieder;Crebo;")
    console(page).assert_clean()


def test_phone_shows_the_first_result_above_the_fold_and_back_restores_focus(
        phone: Page, live_server: LiveServer, bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    phone.goto(f"{live_server.url}?q={query}&leerweg=BBL&persona=werkgever")
    first = phone.locator("#results .card").first
    expect(first).to_be_visible()
    expect(phone.locator("#filters-details")).not_to_have_attribute("open", "")  # filters folded
    box = first.bounding_box()
    assert box is not None and box["y"] < 800, f"first result starts at {box} on an 800px-high phone"
    link = first.locator("a.card-link")
    offering_id = link.get_attribute("data-offering-link")
    link.click()
    phone.wait_for_url(re.compile(r"view=aanbod"))
    phone.go_back()
    phone.wait_for_url(lambda url: "view=aanbod" not in url)
    focused = phone.locator(f"[data-offering-link='{offering_id}']")
    expect(focused).to_be_focused()
    console(phone).assert_clean()


def test_autocomplete_suggests_words_not_fragments(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url)
    page.locator("#q").click()
    page.keyboard.type("hef", delay=30)
    options = page.locator("#q-suggestions [role=option]")
    expect(options.first).to_be_visible()
    texts = options.all_inner_texts()
    assert all(len(t) >= 4 and not any(c.isdigit() for c in t) for t in texts), texts
    assert all(any(w.startswith("hef") for w in t.lower().split()) for t in texts), texts
    console(page).assert_clean()


def _visible_count(page: Page, text: str) -> int:
    """How many visible elements show ``text`` as their own text (not through a child)."""
    return int(page.evaluate(
        """(text) => [...document.querySelectorAll('body *')].filter((el) => {
             const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
             if (!own.includes(text)) return false;
             const box = el.getBoundingClientRect(), style = getComputedStyle(el);
             return box.width > 1 && box.height > 1 && style.visibility !== 'hidden';
           }).length""", text))


def test_place_and_filters_show_relevant_results_only_each_explained(page: Page, live_server: LiveServer,
                                                                   bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    place = bbl_offering["locations"][0]
    page.goto(f"{live_server.url}?q={query}&place={place}&radius_km=25&leerweg=BBL")
    expect(page.locator("#search-status")).to_contain_text("gevonden")
    cards = page.locator("#results .card")
    expect(cards.first).to_be_visible()
    engine = live_server.state.require_engine()
    res = engine.search(query, SearchFilters(place=place, radius_km=25, leerwegen=["BBL"]), limit=10)
    # The page shows exactly the engine's relevant results (no filler), each with "Waarom past dit?" built
    # from the user's own words, and the count counts those only.
    assert cards.count() == len(res.hits) and res.total >= 1
    expect(page.locator("#search-status")).to_contain_text(f"{res.total} opleiding")
    for i in range(cards.count()):
        card = cards.nth(i)
        expect(card.locator(".why-title")).to_have_text("Waarom past dit?")
        words = card.locator(".why-words").inner_text()
        quoted = re.findall(r"„([^\"]+)\"", words)
        assert quoted and all(w.lower() in query.lower() for w in quoted), words
        expect(card.locator(".tag-bbl")).to_be_visible()
        assert "km" in card.locator(".facts").inner_text()
    console(page).assert_clean()


def test_honest_empty_shows_its_message_once_and_the_nearest(page: Page, live_server: LiveServer,
                                                             bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    page.goto(f"{live_server.url}?q={query}&place=Texel&radius_km=5")
    message = f"Geen passend aanbod voor ‘{query}’ binnen 5 km van Texel"
    expect(page.locator("#results .empty")).to_contain_text(message)
    assert _visible_count(page, message) == 1
    nearest = page.locator("#results .card")
    expect(nearest.first).to_be_visible()
    for i in range(nearest.count()):  # the alternatives pass the same relevance decision: they explain themselves
        expect(nearest.nth(i).locator(".outside")).to_contain_text("Buiten je filters")
        expect(nearest.nth(i).locator(".why-words")).to_contain_text("„")
    console(page).assert_clean()


def test_phone_honest_empty_message_once_and_the_nearest_above_the_fold(
        phone: Page, live_server: LiveServer, bbl_offering: dict[str, Any]) -> None:
    query = bbl_offering["qualification"]["name"]
    phone.goto(f"{live_server.url}?q={query}&place=Texel&radius_km=5&leerweg=BBL")
    message = f"Geen passend aanbod voor ‘{query}’ binnen 5 km van Texel"
    expect(phone.locator("#results .empty")).to_contain_text(message)
    assert _visible_count(phone, message) == 1, "the honest answer is shown more than once on a phone"
    expect(phone.locator("#filters-details")).not_to_have_attribute("open", "")
    empty_box = phone.locator("#results .empty").bounding_box()
    first = phone.locator("#results .card").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert empty_box is not None and empty_box["y"] < 800, empty_box
    assert box is not None and box["y"] < 800, f"the nearest offering starts at {box} on an 800px-high phone"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    console(phone).assert_clean()


def test_cards_show_the_current_crebo_and_official_skills_in_dutch(page: Page, live_server: LiveServer) -> None:
    renamed = next((p for p in payloads(live_server)
                    if (p.get("qualification") or {}).get("current_crebo")), None)
    if renamed is None:
        pytest.fail("the small index holds no offering whose qualification has a newer (current) crebo")
    qual = renamed["qualification"]
    page.goto(f"{live_server.url}?q={qual['name']}&crebo={qual['crebo']}")
    card = page.locator(f"#aanbod-{renamed['id']}") if page.locator(f"#aanbod-{renamed['id']}").count() else \
        page.locator("#results .card").first
    expect(card.locator(".card-qual")).to_contain_text(f"crebo {qual['current_crebo']}; voorheen {qual['crebo']}")
    if qual.get("current_name"):
        expect(card.locator(".qual-link")).to_have_text(qual["current_name"])
    for skill in page.locator(".why-official .skill").all():  # official skills: Dutch labels with their source
        text = skill.inner_text()
        assert re.search(r"\((CompetentNL|ESCO)\)$", text), text
    console(page).assert_clean()
