// "Plak een vacature": paste any text (a vacancy, job description, CV paragraph) and see which mbo
// qualifications it is about and where they are offered (POST /api/match). Self-contained: the search view
// only hosts the panel.

import { ApiError, post } from "./api.js";
import { offeringCard, qualificationHref } from "./cards.js";
import { h, replaceChildren } from "./dom.js";
import { niveauLabel } from "./labels.js";

const MAX_CHARS = 100000;

function qualificationItem(q) {
  const others = q.codes.filter((c) => c !== q.crebo);
  return h("li", { class: "match-qual" },
    h("a", { href: qualificationHref(q.crebo) }, q.name),
    ` (crebo ${q.crebo}${q.niveau ? `, ${niveauLabel(q.niveau)}` : ""})`,
    others.length ? h("span", { class: "match-codes" }, ` · ook bekend als ${others.join(", ")}`) : null,
    q.matched_skills.length
      ? h("p", { class: "match-skills" }, "Herkend in je tekst: ", q.matched_skills.join(", "))
      : null);
}

function render(out, body) {
  if (!body.qualifications.length) {
    replaceChildren(out, h("p", {}, "Geen passende mbo-kwalificatie gevonden. Probeer een langere tekst."));
    return;
  }
  const nearest = body.nearest || [];
  const where = body.place ? ` in de buurt van ${body.place.name}` : "";
  replaceChildren(out,
    h("h3", {}, "Passende mbo-kwalificaties"),
    h("ol", { class: "match-quals" }, body.qualifications.map(qualificationItem)),
    body.place && body.place.corrected
      ? h("p", { class: "alert alert-info" }, `We kennen „${body.place.asked}" niet; we zoeken in ${body.place.name}.`)
      : null,
    h("h3", {}, body.offerings.length ? `Opleidingen voor deze kwalificaties${where}`
      : `Nog geen opleidingen gevonden${where}`),
    body.reason ? h("p", { class: "status", role: "status" }, body.reason) : null,
    body.offerings.length ? h("ol", { class: "results" }, body.offerings.map((o) => offeringCard(o))) : null,
    nearest.length ? h("h4", {}, "Dichtstbijzijnde opleidingen verder weg") : null,
    nearest.length ? h("ol", { class: "results" }, nearest.map((o) => offeringCard(o))) : null);
}

export function setupMatch() {
  const form = document.getElementById("match-form");
  const text = document.getElementById("match-text");
  const out = document.getElementById("match-results");
  const place = document.getElementById("match-place");
  const searchPlace = document.getElementById("place");
  if (!form || !text || !out) return;
  // The place of the search filters is the likely place here too; the person can change it.
  document.getElementById("match-panel")?.addEventListener("toggle", () => {
    if (place && !place.value && searchPlace && searchPlace.value) place.value = searchPlace.value;
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (text.value.trim().length > MAX_CHARS) {
      replaceChildren(out, h("p", { class: "alert alert-error", role: "alert" },
        `De tekst is te lang (maximaal ${MAX_CHARS.toLocaleString("nl-NL")} tekens).`));
      return;
    }
    replaceChildren(out, h("p", { role: "status" }, "Bezig met zoeken…"));
    try {
      const where = place ? place.value.trim() : "";
      render(out, await post("api/match", where ? { text: text.value, place: where } : { text: text.value }));
    } catch (error) {
      const message = error instanceof ApiError ? error.message : "Er ging iets mis. Probeer het opnieuw.";
      replaceChildren(out, h("p", { class: "alert alert-error", role: "alert" }, message));
    }
  });
}
