// The whole page state lives in the query string, so every view can be shared and back/forward work.
//   view=zoeken (default) | aanbod&id=… | kwalificatie&crebo=… | dekking
//   search: q, leerweg*, niveau*, type*, domein*, provider*, max_price, start_from, start_to, place,
//           radius_km, keep_unknown_price, keep_unknown_start ("false" drops unknown values), crebo (filter on
//           one qualification), sort, offset; persona=werkzoekende|adviseur|werkgever

export const VIEWS = ["zoeken", "aanbod", "kwalificatie", "dekking"];
export const MULTI = ["leerweg", "niveau", "type", "domein", "provider"];
export const SINGLE = ["q", "max_price", "start_from", "start_to", "place", "radius_km", "keep_unknown_price",
  "keep_unknown_start", "sort", "offset"];

/** Read the state from a query string (default: the current URL). */
export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = { view: params.get("view") || "zoeken" };
  if (!VIEWS.includes(state.view)) state.view = "zoeken";
  for (const key of MULTI) state[key] = params.getAll(key).filter(Boolean);
  for (const key of [...SINGLE, "id", "crebo", "persona"]) {
    const value = params.get(key);
    state[key] = value === null ? "" : value;
  }
  return state;
}

/** The query string for a state ("" for the empty start page). Defaults are left out. */
export function toQuery(state) {
  const params = new URLSearchParams();
  if (state.view && state.view !== "zoeken") params.set("view", state.view);
  for (const key of ["id", "crebo"]) if (state[key]) params.set(key, state[key]);
  if (!state.view || state.view === "zoeken") {
    for (const key of SINGLE) {
      const value = state[key];
      if (value === "" || value === undefined || value === null) continue;
      if (key === "sort" && value === "relevance") continue;
      if (key === "offset" && Number(value) === 0) continue;
      params.set(key, value);
    }
    for (const key of MULTI) for (const value of state[key] || []) params.append(key, value);
  }
  if (state.persona) params.set("persona", state.persona);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The search API parameters of a state (what /api/search and its exports take). */
export function searchParams(state, extra = {}) {
  const params = new URLSearchParams();
  for (const key of SINGLE) {
    if (key === "offset" && !Number(state.offset)) continue;
    if (state[key]) params.set(key, state[key]);
  }
  if (state.radius_km && !state.place) params.delete("radius_km");
  if (state.sort === "distance" && !state.place) params.delete("sort");
  for (const key of MULTI) for (const value of state[key] || []) params.append(key, value);
  if (state.crebo) params.set("crebo", state.crebo);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}

/** Number of filters in use (for the "Filters (3)" badge). */
export function activeFilterCount(state) {
  let n = 0;
  for (const key of MULTI) n += (state[key] || []).length;
  for (const key of ["max_price", "start_from", "start_to", "place", "crebo"]) if (state[key]) n += 1;
  for (const key of ["keep_unknown_price", "keep_unknown_start"]) if (state[key] === "false") n += 1;
  return n;
}

let listener = null;
let shownSearch = window.location.search;

/** Call `fn(state)` on every navigation (links, back/forward, `navigate`). */
export function onNavigate(fn) {
  listener = fn;
  window.addEventListener("popstate", () => {
    // A skip link or other in-page anchor also fires popstate; only a new query string is a new state.
    if (window.location.search === shownSearch) return;
    shownSearch = window.location.search;
    fn(readState(), { pop: true });
  });
}

/**
 * Go to `state`: push a history entry (or replace the current one) and render.
 * `opts.focus` asks the view to move focus to its heading (after a view change).
 */
export function navigate(state, opts = {}) {
  const url = `${window.location.pathname}${toQuery(state)}`;
  if (opts.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  shownSearch = window.location.search;
  if (listener) listener(readState(), opts);
}

/** Copy of `state` with `changes` applied; any change to the search resets paging. */
export function withChanges(state, changes) {
  const next = { ...state, ...changes };
  for (const key of MULTI) next[key] = [...(next[key] || [])];
  if (!("offset" in changes)) next.offset = "";
  return next;
}
