// The qualification view: kerntaken and werkprocessen, skills, occupations, providers with offerings.

import { get } from "./api.js";
import { offeringCard } from "./cards.js";
import { h, replaceChildren } from "./dom.js";
import { LEERWEG, formatCount, niveauLabel } from "./labels.js";
import { toQuery } from "./state.js";

const $ = (id) => document.getElementById(id);

function kerntaken(q) {
  if (!q.kerntaken || !q.kerntaken.length) return null;
  return h("section", { "aria-labelledby": "kt-title" },
    h("h2", { id: "kt-title", text: "Kerntaken en werkprocessen" }),
    h("p", { class: "muted", text: "Wat je in dit beroep doet, volgens het kwalificatiedossier." }),
    q.kerntaken.map((k, i) => h("details", { class: "kerntaak", open: i === 0 },
      h("summary", {}, k.code ? h("span", { class: "code", text: k.code }) : null, k.name),
      h("ol", { class: "werkprocessen" }, (k.werkprocessen || []).map((w) => h("li", {},
        h("p", { class: "wp-name" }, w.code ? h("span", { class: "code", text: w.code }) : null, w.name),
        w.description ? h("p", { class: "muted", text: w.description }) : null))))));
}

function chips(title, id, values) {
  if (!values.length) return null;
  return h("section", { "aria-labelledby": id },
    h("h2", { id, text: title }),
    h("ul", { class: "chips" }, values.map((v) => h("li", { class: "chip chip-static", text: v }))));
}

function providers(q, persona) {
  const count = formatCount(q.n_offerings, "opleiding", "opleidingen");
  return h("section", { "aria-labelledby": "prov-title" },
    h("h2", { id: "prov-title", text: `Waar kun je dit leren? (${count})` }),
    q.providers.length
      ? q.providers.map((p) => h("div", { class: "provider-group" },
        h("h3", { text: p.provider }),
        h("ol", { class: "results results-compact" },
          p.offerings.map((o) => offeringCard(o, { heading: 4, persona, compact: true })))))
      : h("p", { class: "empty", text: "Er is nog geen aanbod gevonden voor deze kwalificatie." }));
}

export async function renderQualification(crebo, state) {
  const box = $("kwalificatie-content");
  replaceChildren(box, h("p", { class: "status", role: "status", text: "Kwalificatie laden…" }));
  let q;
  try {
    q = await get(`api/qualifications/${encodeURIComponent(crebo)}`);
  } catch (error) {
    replaceChildren(box, h("h1", { id: "kwalificatie-title", tabindex: "-1", text: "Kwalificatie niet gevonden" }),
      h("div", { class: "alert alert-error", role: "alert", text: error.message }));
    return;
  }
  document.title = `${q.name} (crebo ${q.crebo}) – llo-zoeker`;
  // The crebo filter, not a text search: exactly this qualification's offerings, named as the filter.
  const searchHref = toQuery({ view: "zoeken", q: q.name, crebo: q.crebo, persona: state.persona }) || "./";
  replaceChildren(box,
    h("p", { class: "eyebrow", text: "mbo-kwalificatie" }),
    h("h1", { id: "kwalificatie-title", tabindex: "-1", text: q.name }),
    h("dl", { class: "facts facts-inline" },
      h("div", { class: "fact" }, h("dt", { text: "Crebo" }), h("dd", { text: q.crebo })),
      q.current_crebo && q.current_crebo !== q.crebo
        ? h("div", { class: "fact" }, h("dt", { text: "Huidige crebo" }),
          h("dd", { text: q.current_name && q.current_name !== q.name ? `${q.current_crebo} (${q.current_name})` : q.current_crebo }))
        : null,
      (q.codes || []).length > 1
        ? h("div", { class: "fact" }, h("dt", { text: "Ook bekend als" }),
          h("dd", { text: q.codes.filter((c) => c !== q.crebo && c !== q.current_crebo).join(", ") || "–" }))
        : null,
      h("div", { class: "fact" }, h("dt", { text: "Niveau" }), h("dd", { text: niveauLabel(q.niveau) })),
      h("div", { class: "fact" }, h("dt", { text: "Leerwegen" }),
        h("dd", { text: (q.leerwegen || []).map((l) => LEERWEG[l] || l).join(", ") || "onbekend" })),
      h("div", { class: "fact" }, h("dt", { text: "Dossier" }), h("dd", { text: `${q.dossier} (${q.dossier_crebo})` })),
      h("div", { class: "fact" }, h("dt", { text: "Opleidingsdomein" }), h("dd", { text: q.opleidingsdomein })),
      q.sectorkamer ? h("div", { class: "fact" }, h("dt", { text: "Sectorkamer" }), h("dd", { text: q.sectorkamer })) : null),
    h("p", {}, h("a", { href: searchHref, class: "btn btn-secondary" }, "Zoek opleidingen voor deze kwalificatie")),
    q.beroepsbeschrijving
      ? h("section", { "aria-labelledby": "beroep-title" },
        h("h2", { id: "beroep-title", text: "Over het beroep" }),
        h("p", { class: "crawled-text", text: q.beroepsbeschrijving }))
      : null,
    h("div", { class: "two-col" },
      h("div", {}, kerntaken(q)),
      h("div", {},
        chips("Vaardigheden", "skills-title", q.skills || []),
        chips("Beroepen", "occ-title", (q.occupations || []).map((o) => o.label)))),
    providers(q, state.persona));
}
