// The three entry points. Choosing one stores `persona` in the URL and shows hints for that person. A
// persona never applies a filter by itself: it *suggests* filters as buttons the person can press (a
// werkgever may want BBL, but also short heftruck or VCA courses, which are no BBL).

import { h, replaceChildren } from "./dom.js";
import { navigate, withChanges } from "./state.js";

const $ = (id) => document.getElementById(id);

export const PERSONAS = {
  werkzoekende: {
    title: "Je zoekt werk of wilt verder leren",
    hints: [
      "Beschrijf wat je kunt of graag doet, in je eigen woorden – bijvoorbeeld \"ik heb in een magazijn gewerkt\".",
      "Met een mbo-certificaat leer je een deel van een beroep, vaak in een paar maanden.",
      "Bij BBL (werken en leren) werk je bij een leerbedrijf en verdien je salaris, en ga je meestal één dag per week naar school.",
    ],
    suggestions: [],
    placeholder: "Bijvoorbeeld: ik werk graag met mensen, ik wil de zorg in",
  },
  adviseur: {
    title: "Je zoekt aanbod voor een klant",
    hints: [
      "Zoek op het beroep of de vaardigheden van je klant en filter op plaats, leerweg en prijs.",
      "Bij elke opleiding zie je bij welke mbo-kwalificatie ze hoort en waarom.",
      "Deel de link van deze pagina of download de lijst als CSV of JSON-LD om mee te sturen.",
    ],
    suggestions: [],
    placeholder: "Bijvoorbeeld: logistiek medewerker, heftruckcertificaat",
  },
  werkgever: {
    title: "Je wilt personeel opleiden",
    hints: [
      "Bij BBL (werken en leren) werkt je medewerker bij jou en leert op school; korte cursussen en certificaten vind je ook zonder BBL.",
      "Voor BBL moet je een erkend leerbedrijf zijn. Bij elke bbl-opleiding staat een link naar Stagemarkt.",
      "Zoek op het werk dat je medewerker gaat doen, bijvoorbeeld \"lassen\" of \"klantenservice\".",
    ],
    suggestions: [{ text: "Alleen werken en leren (BBL) tonen", changes: { leerweg: ["BBL"] } }],
    placeholder: "Bijvoorbeeld: monteur zonnepanelen, medewerker kinderopvang",
  },
};

const DEFAULT_PLACEHOLDER = "Bijvoorbeeld: heftruck rijden, koken in een grote keuken";

/** Show the chosen persona: pressed button, hint box and search-box placeholder. */
export function renderPersona(state) {
  const persona = PERSONAS[state.persona] ? state.persona : "";
  for (const button of document.querySelectorAll(".persona")) {
    button.setAttribute("aria-pressed", String(button.dataset.persona === persona));
  }
  const hint = $("persona-hint");
  $("q").placeholder = persona ? PERSONAS[persona].placeholder : DEFAULT_PLACEHOLDER;
  if (!persona) {
    hint.hidden = true;
    hint.replaceChildren();
    return;
  }
  const p = PERSONAS[persona];
  hint.hidden = false;
  const open = p.suggestions.filter((sug) => Object.entries(sug.changes)
    .some(([key, value]) => JSON.stringify(state[key] || []) !== JSON.stringify(value)));
  replaceChildren(hint,
    h("p", { class: "persona-hint-title", text: p.title }),
    h("ul", {}, p.hints.map((t) => h("li", { text: t }))),
    open.length
      ? h("p", { class: "persona-suggest" }, "Filter voorstel: ", open.map((sug) => h("button", {
        type: "button", class: "btn btn-secondary btn-small",
        on: { click: () => navigate(withChanges(stateOf(), sug.changes)) },
      }, sug.text)))
      : null,
    h("button", {
      type: "button", class: "btn btn-link",
      on: { click: () => navigate(withChanges(stateOf(), { persona: "" })) },
    }, "Andere rol kiezen"));
}

let stateOf = () => ({});

/** Wire the persona buttons; `getState()` returns the state currently shown. */
export function setupPersonas(getState) {
  stateOf = getState;
  for (const button of document.querySelectorAll(".persona")) {
    button.addEventListener("click", () => {
      const state = getState();
      const persona = button.dataset.persona;
      if (state.persona === persona) {
        navigate(withChanges(state, { persona: "" }));
        return;
      }
      navigate(withChanges(state, { persona }));
      $("q").focus();
    });
  }
}
