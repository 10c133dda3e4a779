// The chat panel: a stateless conversation with POST /api/chat. The conversation is kept in
// sessionStorage (so following a cited offering and coming back keeps it); each cited offering links to
// its own card, and the filters the answer used can be opened as a normal, shareable search.

import { post } from "./api.js";
import { offeringHref } from "./cards.js";
import { h, replaceChildren } from "./dom.js";
import { LEERWEG_SHORT, OFFERING_TYPE, formatDate, formatPrice, niveauLabel } from "./labels.js";
import { MULTI, SINGLE, navigate, readState } from "./state.js";

const $ = (id) => document.getElementById(id);
const STORE_KEY = "llo-chat";
const PERSONA_LABEL = { werkzoekende: "werkzoekende", adviseur: "UWV-adviseur", werkgever: "werkgever" };

let log = []; // [{role, content, citations?, filters?, question?, error?}]
let busy = false;

function load() {
  try {
    log = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "[]");
    if (!Array.isArray(log)) log = [];
  } catch {
    log = [];
  }
}

function save() {
  try {
    window.sessionStorage.setItem(STORE_KEY, JSON.stringify(log.slice(-20)));
  } catch {
    // Storage may be full or disabled; the conversation then lasts as long as the page.
  }
}

/** Human-readable chips for the filters an answer applied. */
function filterChips(filters) {
  const chips = [];
  const add = (text) => chips.push(h("li", { class: "chip chip-static", text }));
  if (filters.persona) add(`rol: ${PERSONA_LABEL[filters.persona] || filters.persona}`);
  if (filters.q) add(`onderwerp: ${filters.q}`);
  for (const lw of filters.leerweg || []) add(LEERWEG_SHORT[lw] || lw);
  for (const n of filters.niveau || []) add(niveauLabel(n));
  for (const t of filters.type || []) add(OFFERING_TYPE[t] || t);
  if (filters.place) add(`${filters.place}${filters.radius_km ? ` (${filters.radius_km} km)` : ""}`);
  if (filters.max_price != null) add(`tot ${formatPrice(Number(filters.max_price))}`);
  if (filters.start_from) add(`start vanaf ${formatDate(filters.start_from)}`);
  if (filters.start_to) add(`start uiterlijk ${formatDate(filters.start_to)}`);
  return chips;
}

/** The search-view state for an answer's filters (names are those of GET /api/search). */
function stateFromFilters(filters) {
  const state = readState("");
  for (const key of MULTI) {
    const value = filters[key];
    state[key] = Array.isArray(value) ? value.map(String) : value != null ? [String(value)] : [];
  }
  for (const key of SINGLE) if (filters[key] != null && filters[key] !== "") state[key] = String(filters[key]);
  if (filters.persona) state.persona = String(filters.persona);
  state.view = "zoeken";
  return state;
}

function message(entry) {
  if (entry.role === "user") {
    return h("li", { class: "msg msg-user" }, h("p", { class: "visually-hidden", text: "Jij:" }),
      h("p", { class: "msg-text", text: entry.content }));
  }
  const citations = entry.citations || [];
  const filters = entry.filters || {};
  const chips = filterChips(filters);
  return h("li", { class: ["msg", "msg-bot", entry.error ? "msg-error" : ""] },
    h("p", { class: "visually-hidden", text: "llo-zoeker:" }),
    h("p", { class: "msg-text", text: entry.content }),
    entry.question && !entry.content.includes(entry.question)
      ? h("p", { class: "msg-question", text: entry.question }) : null,
    citations.length
      ? h("div", { class: "citations" },
        h("p", { class: "citations-title", text: "Gebaseerd op:" }),
        h("ol", {}, citations.map((c) => h("li", {},
          h("a", { href: offeringHref(c.id, filters.persona || ""), class: "citation", "data-citation": c.id },
            c.title), c.provider ? h("span", { class: "muted", text: ` – ${c.provider}` }) : null))))
      : null,
    chips.length && citations.length
      ? h("div", { class: "applied" },
        h("p", { class: "citations-title", text: "Gebruikte filters:" }),
        h("ul", { class: "chips" }, chips),
        filters.q
          ? h("button", {
            type: "button", class: "btn btn-link",
            on: { click: () => { closeOnSmallScreen(); navigate(stateFromFilters(filters), { focus: true }); } },
          }, "Toon alle resultaten met deze filters")
          : null)
      : null);
}

function render() {
  replaceChildren($("chat-log"), log.map(message));
  const last = $("chat-log").lastElementChild;
  if (last) last.scrollIntoView({ block: "nearest" });
}

function closeOnSmallScreen() {
  if (!window.matchMedia("(min-width: 64em)").matches) setOpen(false, { focus: false });
}

export function setOpen(open, { focus = true } = {}) {
  const panel = $("chat-panel");
  panel.hidden = !open;
  $("chat-toggle").setAttribute("aria-expanded", String(open));
  document.body.classList.toggle("chat-open", open);
  if (open && focus) $("chat-input").focus();
  if (!open && focus) $("chat-toggle").focus();
}

async function send(text) {
  if (busy || !text.trim()) return;
  busy = true;
  const persona = readState().persona || undefined;
  log.push({ role: "user", content: text.trim() });
  const pending = h("li", { class: "msg msg-bot msg-pending", role: "status", text: "Even zoeken…" });
  render();
  $("chat-log").append(pending);
  const form = $("chat-form");
  form.setAttribute("aria-busy", "true");
  try {
    const body = { messages: log.filter((m) => !m.error).map((m) => ({ role: m.role, content: m.content })) };
    if (persona) body.persona = persona;
    const data = await post("api/chat", body);
    log.push({ role: "assistant", content: data.reply || "", citations: data.citations || [],
      filters: data.filters || {}, question: data.question || null });
  } catch (error) {
    const text = error.status === 404 || error.status === 405
      ? "De chat is op deze server niet beschikbaar. Gebruik het zoekvak."
      : error.message;
    log.push({ role: "assistant", content: text, error: true });
  } finally {
    busy = false;
    form.removeAttribute("aria-busy");
  }
  save();
  render();
}

export function setupChat() {
  load();
  render();
  $("chat-toggle").addEventListener("click", () => setOpen($("chat-panel").hidden));
  $("chat-close").addEventListener("click", () => setOpen(false));
  $("chat-panel").addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
  });
  $("chat-reset").addEventListener("click", () => {
    log = [];
    save();
    render();
    $("chat-input").focus();
  });
  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("chat-input");
    const text = input.value;
    input.value = "";
    send(text);
  });
  $("chat-input").addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter starts a new line (as in most chat boxes).
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      $("chat-form").requestSubmit();
    }
  });
  $("chat-log").addEventListener("click", (event) => {
    if (event.target.closest("a.citation")) closeOnSmallScreen();
  });
}
