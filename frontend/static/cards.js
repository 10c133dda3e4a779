// Result cards: one offering as the search results, the qualification page and the chat show it.

import { h } from "./dom.js";
import { LEERWEG_SHORT, OFFERING_TYPE, formatDate, formatKm, label, niveauLabel } from "./labels.js";
import { toQuery } from "./state.js";

/** Link target of an offering's own card (detail view); keeps the persona so the hints stay. */
export function offeringHref(id, persona = "") {
  return toQuery({ view: "aanbod", id, persona }) || "./";
}

export function qualificationHref(crebo, persona = "") {
  return toQuery({ view: "kwalificatie", crebo, persona }) || "./";
}

/** The first start date today or later (else the last one), as ISO text. */
export function nextStart(dates) {
  if (!dates || !dates.length) return "";
  const today = new Date().toISOString().slice(0, 10);
  const sorted = [...dates].map(String).sort();
  return sorted.find((d) => d >= today) || sorted[sorted.length - 1];
}

function facts(o) {
  const items = [];
  const add = (term, value) => {
    if (value) items.push(h("div", { class: "fact" }, h("dt", { text: term }), h("dd", { text: value })));
  };
  add("Plaats", (o.locations || []).join(", ") + (o.distance_km != null ? ` (${formatKm(o.distance_km)})` : ""));
  const start = nextStart(o.start_dates);
  add("Start", start ? formatDate(start) + ((o.start_dates || []).length > 1 ? " en later" : "") : "start op aanvraag");
  add("Prijs", o.price_text || "prijs onbekend");
  add("Duur", o.duration || "");
  return items.length ? h("dl", { class: "facts" }, items) : null;
}

function badges(o) {
  const list = [];
  if (o.offering_type) list.push(h("li", { class: "tag tag-type", text: label(OFFERING_TYPE, o.offering_type) }));
  for (const lw of o.leerwegen || []) {
    list.push(h("li", { class: ["tag", "tag-leerweg", lw === "BBL" ? "tag-bbl" : ""], text: LEERWEG_SHORT[lw] || lw }));
  }
  if (o.niveau != null) list.push(h("li", { class: "tag", text: niveauLabel(o.niveau) }));
  return list.length ? h("ul", { class: "tags", "aria-label": "Kenmerken" }, list) : null;
}

const WHERE = { titel: "de titel", kwalificatie: "de naam van de kwalificatie", beschrijving: "de beschrijving" };

/** "Je woorden „lassen" staan in de titel." */
function wordsLine(o) {
  const words = o.matched_words || [];
  if (!words.length) return null;
  const quoted = words.map((w) => `„${w}"`).join(", ");
  const where = (o.matched_in || []).map((w) => WHERE[w] || w);
  const place = where.length ? ` in ${where.join(" en ")}` : " bij deze opleiding";
  return h("p", { class: "why-words", text: `${words.length > 1 ? "Je woorden" : "Je woord"} ${quoted} ${words.length > 1 ? "staan" : "staat"}${place}.` });
}

/** The qualification as it is called today: the current crebo and name where the lineage knows a newer
 * code ("Verzorgende IG, crebo 25656; voorheen 25491"), else the crebo the offering is filed under. */
export function qualificationLine(qual, persona) {
  const current = qual.current_crebo && qual.current_crebo !== qual.crebo;
  const name = (current && qual.current_name) || qual.name || `crebo ${qual.current_crebo || qual.crebo}`;
  return h("p", { class: "card-qual" }, "Hoort bij de mbo-kwalificatie ",
    h("a", { href: qualificationHref(qual.crebo, persona), class: "qual-link" }, name),
    current
      ? h("span", { class: "crebo" }, ` (crebo ${qual.current_crebo}; voorheen ${qual.crebo}).`)
      : h("span", { class: "crebo" }, ` (crebo ${qual.crebo}).`));
}

/** "Waarom past dit?": the searcher's own words found in the offering, the skills they hit (the
 * everyday and the official CompetentNL / ESCO ones, Dutch labels only), and the qualification the
 * offering belongs to. Only evidence from the user's words is shown. */
function why(o, persona) {
  const skills = o.matched_skills || [];
  const official = (o.official_skills || []).filter((s) => !skills.includes(s.label));
  const qual = o.qualification;
  const words = wordsLine(o);
  if (!skills.length && !words && !official.length) return null;
  return h("div", { class: "why" },
    h("p", { class: "why-title", text: "Waarom past dit?" }),
    words,
    skills.length
      ? h("div", { class: "why-skills" }, h("span", { text: "Vaardigheden uit je zoekvraag:" }),
        h("ul", { class: "skill-list" }, skills.map((s) => h("li", { class: "skill", text: s }))))
      : null,
    official.length
      ? h("div", { class: "why-skills why-official" }, h("span", { text: "Officiële vaardigheden van deze kwalificatie:" }),
        h("ul", { class: "skill-list" }, official.map((s) => h("li", { class: "skill", title: `Bron: ${s.source}` },
          s.label, h("span", { class: "skill-source", text: ` (${s.source.startsWith("CompetentNL") ? "CompetentNL" : "ESCO"})` })))))
      : null,
    qual ? qualificationLine(qual, persona) : null);
}

/**
 * One card as an <li>. `opts.heading` is the heading level of the title (default 3), `opts.persona`
 * is carried into links, `opts.compact` leaves out "Waarom past dit?".
 */
export function offeringCard(o, opts = {}) {
  const level = opts.heading || 3;
  const persona = opts.persona || "";
  return h("li", { class: "card", id: `aanbod-${o.id}`, "data-offering-id": o.id },
    h("article", { "aria-labelledby": `titel-${o.id}` },
      h(`h${level}`, { class: "card-title", id: `titel-${o.id}` },
        h("a", { href: offeringHref(o.id, persona), class: "card-link", "data-offering-link": o.id }, o.title || "(zonder titel)")),
      h("p", { class: "card-provider", text: o.provider || "" }),
      o.outside && o.outside.length
        ? h("p", { class: "outside", text: `Buiten je filters: ${o.outside.join(", ")}` })
        : null,
      badges(o),
      facts(o),
      opts.compact ? null : why(o, persona)));
}
