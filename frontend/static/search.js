// The search view: search box, filters with facet counts, result cards, paging, sort and exports.

import { get, isAbort } from "./api.js";
import { offeringCard, qualificationHref } from "./cards.js";
import { setupCombobox } from "./combobox.js";
import { h, replaceChildren } from "./dom.js";
import { FACETS, facetValueLabel, formatCount, niveauLabel } from "./labels.js";
import { activeFilterCount, MULTI, navigate, searchParams, withChanges } from "./state.js";

const $ = (id) => document.getElementById(id);
const EMPTY = "Geen resultaten. Probeer andere woorden of minder filters.";
const PAGE_SIZE = 10;

let current = null; // the state last rendered
let controller = null;

/** The facets as last returned by the API, kept so a failed search still shows its filter choices. */
let lastFacets = {};
/** Facets the user unfolded ("Toon alle"); kept across searches. */
const expanded = new Set();
const FACET_SHOWN = 6;

export function setupSearch() {
  const q = $("q");
  const combobox = setupCombobox(q, $("q-suggestions"), (text) => submitQuery(text));
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    combobox.close();
    submitQuery(q.value);
  });
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    applyFilterForm();
  });
  $("filters").addEventListener("change", (event) => {
    // Checkboxes and selects apply at once; text, number and date fields wait for "Filters toepassen"
    // (or Enter) so typing a place does not fire a search per keystroke.
    const t = event.target;
    if (t.matches("input[type=checkbox], select")) applyFilterForm();
  });
  $("filters-reset").addEventListener("click", () => {
    const changes = { max_price: "", start_from: "", start_to: "", place: "", radius_km: "", crebo: "",
      keep_unknown_price: "", keep_unknown_start: "" };
    for (const key of MULTI) changes[key] = [];
    navigate(withChanges(current, changes));
  });
  $("sort").addEventListener("change", (event) => navigate(withChanges(current, { sort: event.target.value })));
  // Filters are open beside the results on wide screens and folded away on phones.
  if (window.matchMedia("(min-width: 56em)").matches) $("filters-details").open = true;
}

function submitQuery(text) {
  navigate(withChanges(current, { q: text.trim() }));
}

function applyFilterForm() {
  const form = $("filters");
  const changes = {};
  for (const key of MULTI) {
    changes[key] = [...form.querySelectorAll(`input[type=checkbox][name="${key}"]:checked`)].map((el) => el.value);
  }
  for (const key of ["keep_unknown_price", "keep_unknown_start"]) changes[key] = form.elements[key].checked ? "" : "false";
  for (const key of ["max_price", "start_from", "start_to", "place", "radius_km"]) {
    changes[key] = form.elements[key].value.trim();
  }
  if (!changes.place) changes.radius_km = "";
  const focused = document.activeElement;
  const focusKey = focused && focused.name ? { name: focused.name, value: focused.value } : null;
  navigate(withChanges(current, changes), { keepFocus: focusKey });
}

/** Put the state's values into the form fields (after navigation or back/forward). */
function fillForms(state) {
  $("q").value = state.q || "";
  const form = $("filters");
  for (const key of ["max_price", "start_from", "start_to", "place"]) form.elements[key].value = state[key] || "";
  for (const key of ["keep_unknown_price", "keep_unknown_start"]) form.elements[key].checked = state[key] !== "false";
  const radius = form.elements.radius_km;
  const wanted = String(Number(state.radius_km) || 25);
  if (![...radius.options].some((o) => o.value === wanted)) {
    radius.append(h("option", { value: wanted, text: `binnen ${wanted} km` }));
  }
  radius.value = wanted;
  $("sort").value = state.sort || "relevance";
  const n = activeFilterCount(state);
  $("filters-active").hidden = n === 0;
  $("filters-active").textContent = n ? `${n} actief` : "";
}

/** Checkbox groups for every facet the API returned (known facets get Dutch titles and parameters). */
function renderFacets(state, facets) {
  const groups = [];
  const keys = [...Object.keys(FACETS), ...Object.keys(facets).filter((k) => !(k in FACETS))];
  for (const key of keys) {
    const meta = FACETS[key] || { title: key, param: key };
    const counts = facets[key] || {};
    const selected = state[meta.param] || [];
    const values = new Set([...Object.keys(counts), ...selected]);
    if (!values.size) continue;
    let ordered = [...values];
    if (key === "niveau") ordered.sort();
    else if (key === "leerweg") ordered = ["BOL", "BBL", "DERDE_LEERWEG", "DEELTIJD"].filter((v) => values.has(v))
      .concat(ordered.filter((v) => !["BOL", "BBL", "DERDE_LEERWEG", "DEELTIJD"].includes(v)));
    else ordered.sort((a, b) => (counts[b] || 0) - (counts[a] || 0) || a.localeCompare(b, "nl"));
    const items = ordered.map((value, i) => {
      const id = `f-${meta.param}-${i}`;
      const count = counts[value] || 0;
      return h("li", {},
        h("input", { type: "checkbox", id, name: meta.param, value, checked: selected.includes(value) }),
        h("label", { for: id },
          facetValueLabel(key, value),
          h("span", { class: "count", "aria-hidden": "true", text: count.toLocaleString("nl-NL") }),
          h("span", { class: "visually-hidden", text: ` (${formatCount(count, "opleiding", "opleidingen")})` })));
    });
    const long = items.length > FACET_SHOWN && !expanded.has(key);
    if (long) {
      items.forEach((li, i) => {
        if (i >= FACET_SHOWN && !selected.includes(ordered[i])) li.hidden = true;
      });
    }
    const listId = `facet-${meta.param}`;
    groups.push(h("fieldset", { class: ["filter-group", "facet"] },
      h("legend", { text: meta.title }),
      h("ul", { class: "facet-list", id: listId }, items),
      items.length > FACET_SHOWN
        ? h("button", {
          type: "button", class: "btn btn-link facet-more", "aria-controls": listId,
          "aria-expanded": String(!long),
          on: {
            click: () => {
              if (expanded.has(key)) expanded.delete(key);
              else expanded.add(key);
              renderFacets(state, facets);
              document.querySelector(`#${listId} + .facet-more`)?.focus();
            },
          },
        }, long ? `Toon alle ${items.length}` : "Toon minder")
        : null));
  }
  replaceChildren($("facet-groups"), groups);
}

/** Same selected values as checkboxes even before the first search came back. */
function facetsFromState(state) {
  const facets = {};
  for (const [key, meta] of Object.entries(FACETS)) {
    const selected = state[meta.param] || [];
    if (selected.length) facets[key] = Object.fromEntries(selected.map((v) => [v, lastFacets[key]?.[v] || 0]));
  }
  return facets;
}

function restoreFocus(keepFocus) {
  if (!keepFocus) return;
  const el = [...document.querySelectorAll(`#filters [name="${keepFocus.name}"]`)]
    .find((e) => e.type !== "checkbox" || e.value === keepFocus.value);
  if (el) el.focus();
}

/** The live status line. `visible` false keeps it for screen readers only: an empty answer's message is
 * already the first thing in the results, and a phone should not show it twice. */
function setStatus(text, visible = true) {
  const box = $("search-status");
  box.textContent = text;
  box.classList.toggle("visually-hidden", !visible);
}

/** "Bedoelde je Zwolle?" when the place words were a typo; which area an area name meant. */
function renderPlace(state, place) {
  const box = $("place-note");
  if (!place || !(place.corrected || place.kind !== "plaats")) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  if (place.corrected) {
    replaceChildren(box, `We kennen „${place.asked}" niet. Bedoelde je `,
      h("strong", { text: place.name }), "? We zoeken nu in ", place.name, ". ",
      h("a", { href: "#", on: { click: (event) => { event.preventDefault(); navigate(withChanges(state, { place: "" })); } } },
        "Zoek zonder plaats"));
  } else if (place.kind === "land") {
    replaceChildren(box, "Je zoekt in heel Nederland (geen plaatsfilter).");
  } else {
    const kinds = { provincie: "de provincie", arbeidsmarktregio: "de arbeidsmarktregio", landsdeel: "het gebied" };
    replaceChildren(box, `Je zoekt in ${kinds[place.kind] || ""} ${place.name}.`);
  }
}

/** The qualification filter (from "Zoek opleidingen voor deze kwalificatie"), visible and removable. */
function renderCreboFilter(state) {
  const box = $("crebo-filter");
  box.hidden = !state.crebo;
  if (!state.crebo) return;
  replaceChildren(box, `Alleen opleidingen bij kwalificatie crebo ${state.crebo}. `,
    h("button", { type: "button", class: "btn btn-link", on: { click: () => navigate(withChanges(state, { crebo: "" })) } },
      "Filter weghalen"));
}

/** Nothing relevant within the filters: say so, then the nearest relevant offerings outside them. */
function renderEmpty(state, data) {
  const items = [h("li", { class: "empty" },
    h("p", { class: "empty-title", text: data.reason || EMPTY }),
    data.nearest && data.nearest.length
      ? h("p", { class: "muted", text: "Dichtstbijzijnde passende opleidingen buiten je filters:" })
      : h("p", { class: "muted", text: "Probeer andere woorden of minder filters." }))];
  for (const o of data.nearest || []) items.push(offeringCard(o, { persona: state.persona }));
  replaceChildren($("results"), items);
}

function showError(message) {
  const box = $("search-error");
  box.hidden = !message;
  box.textContent = message || "";
}

function pager(state, total) {
  const nav = $("pager");
  const offset = Number(state.offset) || 0;
  if (total <= PAGE_SIZE) {
    nav.hidden = true;
    nav.replaceChildren();
    return;
  }
  const link = (text, newOffset, rel) => h("a", {
    href: "#", class: "btn btn-secondary", rel,
    on: {
      click: (event) => {
        event.preventDefault();
        navigate(withChanges(state, { offset: newOffset ? String(newOffset) : "" }), { focusResults: true });
      },
    },
  }, text);
  const from = offset + 1;
  const to = Math.min(offset + PAGE_SIZE, total);
  nav.hidden = false;
  replaceChildren(nav,
    offset > 0 ? link("← Vorige", Math.max(0, offset - PAGE_SIZE), "prev") : h("span"),
    h("span", { class: "pager-info", text: `${from}–${to} van ${total}` }),
    to < total ? link("Volgende →", offset + PAGE_SIZE, "next") : h("span"));
}

function renderQualifications(state, results) {
  const box = $("qual-suggest");
  const list = (results || []).filter((r) => r.score > 0).slice(0, 4);
  box.hidden = list.length === 0;
  replaceChildren($("qual-suggest-list"), list.map((r) => h("li", {},
    h("a", { href: qualificationHref(r.crebo, state.persona), class: "chip" },
      r.name, h("span", { class: "chip-sub", text: ` ${niveauLabel(r.niveau)} · ${r.n_offerings ? formatCount(r.n_offerings, "opleiding", "opleidingen") : "nog geen aanbod"}` })))));
}

function clearResults() {
  replaceChildren($("results"));
  $("results-toolbar").hidden = true;
  $("qual-suggest").hidden = true;
  $("pager").hidden = true;
  $("skip-results").hidden = true;
}

/** Render the search view for `state`; fetches results when there is a query. */
export async function renderSearch(state, opts = {}) {
  current = state;
  fillForms(state);
  renderCreboFilter(state);
  if (controller) controller.abort();
  showError("");
  const hasQuery = Boolean(state.q && state.q.trim());
  $("intro").hidden = hasQuery;
  document.querySelector(".hero").classList.toggle("compact", hasQuery);
  if (!hasQuery) {
    clearResults();
    renderPlace(state, null);
    renderFacets(state, facetsFromState(state));
    restoreFocus(opts.keepFocus);
    setStatus(activeFilterCount(state) ? "Typ eerst wat je zoekt; de filters werken samen met je zoekvraag." : "");
    return;
  }
  controller = new AbortController();
  const signal = controller.signal;
  $("results").setAttribute("aria-busy", "true");
  setStatus("Zoeken…");
  const params = searchParams(state, { limit: String(PAGE_SIZE) });
  const qualsPromise = get("api/qualifications", new URLSearchParams({ q: state.q, limit: "4" }), signal)
    .catch(() => ({ results: [] }));
  let data;
  try {
    data = await get("api/search", params, signal);
  } catch (error) {
    if (isAbort(error)) return;
    $("results").removeAttribute("aria-busy");
    clearResults();
    renderPlace(state, null);
    renderFacets(state, facetsFromState(state));
    restoreFocus(opts.keepFocus);
    setStatus("");
    showError(error.message);
    return;
  }
  $("results").removeAttribute("aria-busy");
  lastFacets = data.facets || {};
  renderFacets(state, lastFacets);
  restoreFocus(opts.keepFocus);
  const results = data.results || [];
  replaceChildren($("results"), results.map((o) => offeringCard(o, { persona: state.persona })));
  $("results").setAttribute("start", String((Number(state.offset) || 0) + 1));
  $("results-toolbar").hidden = data.total === 0;
  $("skip-results").hidden = data.total === 0;
  const exportParams = searchParams({ ...state, offset: "" });
  $("export-csv").href = `api/search/export.csv?${exportParams}`;
  $("export-jsonld").href = `api/search/export.jsonld?${exportParams}`;
  pager(state, data.total);
  renderPlace(state, data.place);
  if (data.total === 0) {
    renderEmpty(state, data);
    setStatus(data.reason || EMPTY, false);
  } else {
    setStatus(`${formatCount(data.total, "opleiding", "opleidingen")} gevonden voor “${state.q}”.`);
  }
  renderQualifications(state, (await qualsPromise).results);
  if (opts.focusResults) $("resultaten").focus();
}
