// The chat panel: a conversation with POST /api/chat/stream (server-sent events; POST /api/chat when streaming
// is unavailable). The server is stateless: each request carries the last HISTORY messages and the state the
// previous answer returned (its filters and cited ids), so long conversations keep working. The state is shown
// as chips the user can remove one by one. The conversation is kept in sessionStorage (so following a cited
// offering and coming back keeps it); each cited offering links to its own card, each knowledge answer names
// its sources, and the filters can be opened as a normal, shareable search.

import { ApiError, post } from "./api.js";
import { offeringHref } from "./cards.js";
import { h, replaceChildren } from "./dom.js";
import { LEERWEG_SHORT, OFFERING_TYPE, formatDate, formatPrice, niveauLabel } from "./labels.js";
import { MULTI, SINGLE, navigate, readState } from "./state.js";

const $ = (id) => document.getElementById(id);
const STORE_KEY = "llo-chat";
const STATE_KEY = "llo-chat-state";
const HISTORY = 10; // messages sent per request; older ones live on in the state
const PERSONA_LABEL = { werkzoekende: "werkzoekende", adviseur: "UWV-adviseur", werkgever: "werkgever" };

let log = []; // [{role, content, citations?, filters?, question?, sources?, error?}]
let state = null; // the last answer's filters plus {cited: [ids]}, minus what the user removed
let busy = false;

function load() {
  try {
    log = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "[]");
    if (!Array.isArray(log)) log = [];
    state = JSON.parse(window.sessionStorage.getItem(STATE_KEY) || "null");
    if (typeof state !== "object" || Array.isArray(state)) state = null;
  } catch {
    log = [];
    state = null;
  }
}

function save() {
  try {
    window.sessionStorage.setItem(STORE_KEY, JSON.stringify(log.slice(-40)));
    window.sessionStorage.setItem(STATE_KEY, JSON.stringify(state));
  } catch {
    // Storage may be full or disabled; the conversation then lasts as long as the page.
  }
}

/** The state as removable parts: [{label, remove}] where remove() returns the state without that part. */
function stateParts(filters) {
  const parts = [];
  const without = (...keys) => () => {
    const next = { ...filters };
    for (const key of keys) delete next[key];
    return next;
  };
  const withoutValue = (key, value) => () => ({ ...filters, [key]: (filters[key] || []).filter((v) => v !== value) });
  if (filters.q) parts.push({ label: `onderwerp: ${filters.q}`, remove: without("q", "cited") });
  if (filters.place) {
    parts.push({ label: `${filters.place}${filters.radius_km ? ` (${filters.radius_km} km)` : ""}`,
      remove: without("place", "radius_km") });
  }
  for (const lw of filters.leerweg || []) parts.push({ label: LEERWEG_SHORT[lw] || lw, remove: withoutValue("leerweg", lw) });
  for (const n of filters.niveau || []) parts.push({ label: niveauLabel(n), remove: withoutValue("niveau", n) });
  for (const t of filters.type || []) parts.push({ label: OFFERING_TYPE[t] || t, remove: withoutValue("type", t) });
  if (filters.max_price != null) parts.push({ label: `tot ${formatPrice(Number(filters.max_price))}`, remove: without("max_price") });
  if (filters.start_from || filters.start_to) {
    const label = filters.start_from && filters.start_to
      ? `start ${formatDate(filters.start_from)} – ${formatDate(filters.start_to)}`
      : filters.start_from ? `start vanaf ${formatDate(filters.start_from)}` : `start uiterlijk ${formatDate(filters.start_to)}`;
    parts.push({ label, remove: without("start_from", "start_to") });
  }
  return parts;
}

function renderState() {
  const box = $("chat-state");
  if (!box) return;
  const parts = state ? stateParts(state) : [];
  box.hidden = parts.length === 0;
  replaceChildren(box, parts.length
    ? [h("p", { class: "citations-title", text: "Dit onthoud ik van je zoekvraag:" }),
      h("ul", { class: "chips" }, parts.map((part) => h("li", { class: "chip chip-static" }, part.label,
        h("button", {
          type: "button", class: "chip-remove", "aria-label": `Vergeet ${part.label}`,
          on: { click: () => { state = part.remove(); save(); renderState(); $("chat-input").focus(); } },
        }, "×"))))]
    : []);
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
    (entry.sources || []).length
      ? h("div", { class: "citations" },
        h("p", { class: "citations-title", text: "Bronnen:" }),
        h("ul", {}, entry.sources.map((src) => h("li", {},
          h("a", { href: src.url, rel: "noopener noreferrer", target: "_blank", class: "source" }, src.title),
          h("span", { class: "muted", text: ` (gecontroleerd ${formatDate(src.checked)})` })))))
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
  renderState();
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

/** Read a server-sent-event stream from `response`, calling onEvent(name, data) per event. */
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = (block.match(/^event: (.*)$/m) || [])[1];
      const data = (block.match(/^data: (.*)$/m) || [])[1];
      if (name && data) onEvent(name, JSON.parse(data));
    }
  }
}

/** The answer to `body`, streamed when the server can (status and reply text shown in `pending`). */
async function ask(body, pending) {
  let response;
  try {
    response = await fetch("api/chat/stream", {
      method: "POST", headers: { Accept: "text/event-stream", "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    response = null;
  }
  if (!response || !response.ok || !response.body
      || !(response.headers.get("content-type") || "").startsWith("text/event-stream")) {
    return post("api/chat", body); // no streaming here: the plain endpoint gives the same answer or error
  }
  let result = null;
  let text = "";
  await readEvents(response, (name, data) => {
    if (name === "status") pending.textContent = data.text;
    else if (name === "delta") { text += data.text; pending.textContent = text; }
    else if (name === "done") result = data;
    else if (name === "error") throw new ApiError(data.error, 500);
  });
  if (!result) throw new ApiError("Het antwoord kwam niet helemaal door. Probeer het opnieuw.", 0);
  return result;
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
    const messages = log.filter((m) => !m.error).slice(-HISTORY).map((m) => ({ role: m.role, content: m.content }));
    while (messages.length && messages[0].role !== "user") messages.shift();
    const body = { messages };
    if (persona) body.persona = persona;
    if (state) body.state = state;
    const data = await ask(body, pending);
    log.push({ role: "assistant", content: data.reply || "", citations: data.citations || [],
      filters: data.filters || {}, question: data.question || null, sources: data.sources || [] });
    state = { ...(data.filters || {}), cited: (data.citations || []).map((c) => c.id) };
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
    state = null;
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
