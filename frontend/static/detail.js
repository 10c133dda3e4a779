// The offering detail view: every field, why it is linked to a qualification, source and Stagemarkt links.

import { get } from "./api.js";
import { nextStart, qualificationHref } from "./cards.js";
import { externalLink, h, replaceChildren } from "./dom.js";
import {
  FLAG, LEERWEG, METHOD, OFFERING_TYPE, TARGET_GROUP, formatDate, formatKm, formatPrice, label, niveauLabel,
} from "./labels.js";

const $ = (id) => document.getElementById(id);

function row(term, ...value) {
  const parts = value.filter((v) => v !== null && v !== undefined && v !== "");
  if (!parts.length) return null;
  return h("div", { class: "fact" }, h("dt", { text: term }), h("dd", {}, parts));
}

function list(items) {
  return items.length ? h("ul", { class: "plain-list" }, items.map((t) => h("li", { text: t }))) : null;
}

/** "Waarom gekoppeld aan deze kwalificatie": method, confidence, evidence, werkprocessen and flags. */
function mappingSection(o, persona) {
  const m = o.mapping;
  if (!m) return null;
  const pct = Math.round((m.confidence || 0) * 100);
  const linked = m.crebo && o.qualification;
  return h("section", { class: "panel", "aria-labelledby": "mapping-title" },
    h("h2", { id: "mapping-title", text: "Waarom gekoppeld aan deze kwalificatie" }),
    linked
      ? h("p", {}, "Gekoppeld aan ",
        h("a", { href: qualificationHref(m.crebo, persona) }, o.qualification.name || `crebo ${m.crebo}`),
        ` (crebo ${m.crebo}) op basis van ${label(METHOD, m.method)}. Zekerheid: ${pct}%.`)
      : h("p", { text: "Deze opleiding is niet aan een mbo-kwalificatie gekoppeld: het bewijs was te zwak "
        + "om een koppeling te maken." }),
    h("div", { class: "meter", role: "img", "aria-label": `Zekerheid ${pct} procent` },
      h("span", { class: `meter-fill w-${Math.round(pct / 5) * 5}` })),
    m.evidence && m.evidence.length ? [h("h3", { text: "Bewijs" }), list(m.evidence)] : null,
    m.certificate ? h("p", {}, "Certificaat: ", h("strong", { text: m.certificate })) : null,
    m.werkprocessen && m.werkprocessen.length
      ? [h("h3", { text: "Werkprocessen die dit certificaat dekt" }), list(m.werkprocessen)] : null,
    m.flags && m.flags.length
      ? h("div", { class: "alert alert-warning" }, h("p", { class: "alert-title", text: "Let op" }),
        list(m.flags.map((f) => FLAG[f] || f)))
      : null);
}

function description(text) {
  if (!text) return null;
  // Crawled page text: shown as text only, paragraph breaks kept.
  const paragraphs = String(text).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return h("section", { class: "description panel", "aria-labelledby": "beschrijving-title" },
    h("h2", { id: "beschrijving-title", text: "Over deze opleiding" }),
    paragraphs.map((p) => h("p", { class: "crawled-text", text: p })),
    h("p", { class: "muted small", text: "Tekst overgenomen van de site van de aanbieder." }));
}

/** Render the detail of offering `id` into the view. */
export async function renderOffering(id, state) {
  const box = $("aanbod-content");
  replaceChildren(box, h("p", { class: "status", role: "status", text: "Opleiding laden…" }));
  let o;
  try {
    o = await get(`api/offerings/${encodeURIComponent(id)}`);
  } catch (error) {
    replaceChildren(box, h("h1", { id: "aanbod-title", tabindex: "-1", text: "Opleiding niet gevonden" }),
      h("div", { class: "alert alert-error", role: "alert", text: error.message }));
    return;
  }
  document.title = `${o.title} – llo-zoeker`;
  const start = (o.start_dates || []).map(formatDate);
  const bbl = (o.leerwegen || []).includes("BBL");
  replaceChildren(box,
    h("article", { class: "detail", id: `aanbod-${o.id}` },
      h("p", { class: "eyebrow", text: label(OFFERING_TYPE, o.offering_type || "") }),
      h("h1", { id: "aanbod-title", tabindex: "-1", text: o.title || "(zonder titel)" }),
      h("p", { class: "detail-provider", text: o.provider }),
      h("div", { class: "detail-grid" },
        h("div", {},
          h("dl", { class: "facts facts-wide" },
            row("Aanbieder", o.provider),
            row("Soort", label(OFFERING_TYPE, o.offering_type || "")),
            row("Leerweg", (o.leerwegen || []).map((lw) => LEERWEG[lw] || lw).join(", ")),
            row("Niveau", o.niveau != null ? niveauLabel(o.niveau) : ""),
            row("Kwalificatie", o.qualification
              ? h("a", { href: qualificationHref(o.qualification.crebo, state.persona) },
                `${o.qualification.name || ""} (crebo ${o.qualification.crebo})`)
              : "niet gekoppeld"),
            row("Crebo op de pagina", o.crebo_stated || ""),
            row("Plaats", (o.locations || []).join(", ")
              + (o.distance_km != null ? ` (${formatKm(o.distance_km)})` : "")),
            row("Startdata", start.join(", ") || ""),
            row("Eerstvolgende start", nextStart(o.start_dates) ? formatDate(nextStart(o.start_dates)) : ""),
            // A price is what the page said when we saw it: keep its unit and say when that was.
            row("Prijs", [o.price_text || formatPrice(o.price_eur),
              o.price_eur != null && o.last_seen ? `(gezien op ${formatDate(o.last_seen)})` : ""]
              .filter(Boolean).join(" ")),
            row("Duur", o.duration || ""),
            row("Voor wie", (o.target_group || []).map((t) => TARGET_GROUP[t] || t).join(", ")),
            row("Laatst gezien", o.last_seen ? formatDate(o.last_seen) : ""),
            row("Eerst gezien", o.first_seen ? formatDate(o.first_seen) : "")),
          description(o.description),
          mappingSection(o, state.persona)),
        h("div", { class: "detail-actions" },
          o.source_url || o.url
            ? h("p", {}, externalLink(o.source_url || o.url, "Bekijk op de site van de aanbieder", "btn btn-primary"))
            : null,
          bbl && o.stagemarkt_url
            ? h("div", { class: "panel panel-bbl" },
              h("h2", { text: "Werken en leren (bbl)" }),
              h("p", { text: "Voor bbl heb je een erkend leerbedrijf nodig. Zoek er een op Stagemarkt." }),
              h("p", {}, externalLink(o.stagemarkt_url, "Zoek een erkend leerbedrijf op Stagemarkt", "btn btn-secondary")))
            : null,
          o.last_seen
            ? h("p", { class: "muted small", text: `Gegevens gecontroleerd op ${formatDate(o.last_seen)}. `
              + "Controleer altijd de actuele informatie bij de aanbieder." })
            : null))));
}
