// Entry point: routes the query-string state to one of the views and turns same-page links into
// history navigation (so back/forward and shared links show the same view).

import { setupChat } from "./chat.js";
import { renderCoverage } from "./coverage.js";
import { renderOffering } from "./detail.js";
import { setupMatch } from "./match.js";
import { renderPersona, setupPersonas } from "./personas.js";
import { renderQualification } from "./qualification.js";
import { renderSearch, setupSearch } from "./search.js";
import { navigate, onNavigate, readState } from "./state.js";

const BASE_TITLE = "llo-zoeker – vind mbo-certificaten, bbl en cursussen";
const HEADINGS = { zoeken: "zoeken-title", aanbod: "aanbod-title", kwalificatie: "kwalificatie-title", dekking: "dekking-title" };

let shown = null; // state currently shown
let lastSearch = ""; // query string of the last search view, for "back to results"

function showView(view) {
  for (const el of document.querySelectorAll("main > .view")) el.hidden = el.id !== `view-${view}`;
  for (const link of document.querySelectorAll(".main-nav a[data-view]")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function focusHeading(view) {
  const el = document.getElementById(HEADINGS[view]);
  if (el) el.focus({ preventScroll: false });
}

/** Back from an offering to the results: focus returns to the link of the offering just seen. */
function focusOfferingLink(id) {
  const link = id && document.querySelector(`[data-offering-link="${CSS.escape(id)}"]`);
  if (!link) return false;
  link.focus({ preventScroll: true });
  link.scrollIntoView({ block: "center" });
  return true;
}

async function render(state, opts = {}) {
  const viewChanged = !shown || shown.view !== state.view || shown.id !== state.id || shown.crebo !== state.crebo;
  const cameFrom = shown && shown.view === "aanbod" ? shown.id : "";
  shown = state;
  showView(state.view);
  renderPersona(state);
  for (const link of document.querySelectorAll("[data-back]")) {
    link.setAttribute("href", lastSearch || "./");
  }
  if (state.view !== "zoeken" || viewChanged) document.title = BASE_TITLE;
  if (viewChanged && state.view !== "zoeken") window.scrollTo(0, 0);
  if (state.view === "aanbod") await renderOffering(state.id, state);
  else if (state.view === "kwalificatie") await renderQualification(state.crebo, state);
  else if (state.view === "dekking") await renderCoverage();
  else {
    lastSearch = window.location.search || "./";
    await renderSearch(state, opts);
    if (cameFrom && focusOfferingLink(cameFrom)) return;
  }
  // Focus moves to the new view's heading only when the user went somewhere else (not on every filter
  // change), so screen-reader users hear where they are and keyboard users continue from there.
  if (viewChanged && opts.focus && !opts.focusResults) focusHeading(state.view);
}

/** Same-page links (query-string only) navigate without a reload. */
function interceptLinks() {
  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey) return;
    const link = event.target.closest("a[href]");
    if (!link || link.target || link.hasAttribute("download")) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) return;
    if (url.hash && url.search === window.location.search) return; // in-page anchors (skip links)
    event.preventDefault();
    navigate(readState(url.search), { focus: true });
  });
}

function init() {
  interceptLinks();
  setupSearch();
  setupPersonas(() => shown || readState());
  setupChat();
  setupMatch();
  onNavigate((state, opts) => render(state, { ...opts, focus: opts.focus || opts.pop }));
  render(readState());
}

init();
