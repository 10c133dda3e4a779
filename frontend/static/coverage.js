// The coverage dashboard: summary figures and SVG bar charts (with vs without a findable offering per
// opleidingsdomein), each chart with the same numbers as a table for screen readers and keyboard users.

import { get } from "./api.js";
import { h, replaceChildren, svg } from "./dom.js";

const $ = (id) => document.getElementById(id);
const UNKNOWN_DOMAIN = "Domein onbekend";

let data = null;
let resizeTimer = 0;

function pct(part, total) {
  return total ? Math.round((100 * part) / total) : 0;
}

function tile(value, total, text) {
  return h("div", { class: "tile" },
    h("p", { class: "tile-value" }, h("strong", { text: value.toLocaleString("nl-NL") }),
      total != null ? ` van ${total.toLocaleString("nl-NL")}` : ""),
    total != null ? h("p", { class: "tile-pct", text: `${pct(value, total)}%` }) : null,
    h("p", { class: "tile-text", text }));
}

/**
 * A horizontal stacked bar chart drawn at the container's pixel width (crisp text, no scaling).
 * rows: [{name, with, without}]. Narrow screens put each label above its bar.
 */
function barChart(container, id, title, rows) {
  const width = Math.max(280, Math.floor(container.clientWidth || 600));
  const wide = width >= 640;
  const labelW = wide ? Math.min(300, Math.floor(width * 0.36)) : 0;
  const numW = 92;
  const barX = wide ? labelW + 12 : 0;
  const barW = Math.max(60, width - barX - numW);
  const barH = 18;
  const rowH = wide ? 32 : 46;
  const top = 8;
  const height = top + rows.length * rowH + 4;
  const max = Math.max(1, ...rows.map((r) => r.with + r.without));
  const chart = svg("svg", {
    class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`, focusable: "false",
  },
  svg("title", { id: `${id}-title`, text: title }),
  svg("desc", { id: `${id}-desc`, text: rows.map((r) => `${r.name}: ${r.with} met en ${r.without} zonder vindbaar aanbod`).join("; ") }));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const barY = wide ? y + (rowH - barH) / 2 - 2 : y + 20;
    const wWith = (barW * r.with) / max;
    const wWithout = (barW * r.without) / max;
    const g = svg("g", { class: "chart-row" },
      svg("title", { text: `${r.name}: ${r.with} van ${r.with + r.without} met vindbaar aanbod` }));
    g.append(svg("text", {
      class: "chart-label", x: wide ? labelW : 0, y: wide ? barY + barH / 2 : y + 13,
      "text-anchor": wide ? "end" : "start", "dominant-baseline": wide ? "middle" : "auto",
      "data-max": wide ? labelW - 4 : width - 4, text: r.name,
    }));
    g.append(svg("rect", { class: "bar-bg", x: barX, y: barY, width: barW, height: barH, rx: 3 }));
    if (r.with) g.append(svg("rect", { class: "bar-with", x: barX, y: barY, width: wWith, height: barH, rx: 3 }));
    if (r.without) {
      g.append(svg("rect", { class: "bar-without", x: barX + wWith, y: barY, width: wWithout, height: barH, rx: 3 }));
    }
    g.append(svg("text", {
      class: "chart-num", x: barX + barW + 8, y: barY + barH / 2, "dominant-baseline": "middle",
      text: `${r.with} / ${r.with + r.without}`,
    }));
    chart.append(g);
  });
  return chart;
}

function legend() {
  return h("ul", { class: "legend", "aria-hidden": "true" },
    h("li", {}, h("span", { class: "swatch swatch-with" }), "Met vindbaar aanbod"),
    h("li", {}, h("span", { class: "swatch swatch-without" }), "Nog geen vindbaar aanbod"));
}

function table(caption, rows, extraHead, extraCell, firstHead = "Opleidingsdomein") {
  return h("details", { class: "table-details" },
    h("summary", { text: "Bekijk als tabel" }),
    h("div", { class: "table-scroll" },
      h("table", {},
        h("caption", { text: caption }),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col", text: firstHead }),
          h("th", { scope: "col", class: "num", text: "Met aanbod" }),
          h("th", { scope: "col", class: "num", text: "Zonder aanbod" }),
          h("th", { scope: "col", class: "num", text: "Totaal" }),
          extraHead ? h("th", { scope: "col", class: "num", text: extraHead }) : null)),
        h("tbody", {}, rows.map((r) => h("tr", {},
          h("th", { scope: "row", text: r.name }),
          h("td", { class: "num", text: r.with }),
          h("td", { class: "num", text: r.without }),
          h("td", { class: "num", text: r.with + r.without }),
          extraCell ? h("td", { class: "num", text: extraCell(r) }) : null))))));
}

function chartSection(id, title, intro, rows, extraHead, extraCell) {
  const holder = h("div", { class: "chart-holder", "data-chart": id });
  const section = h("section", { class: "panel chart-panel", "aria-labelledby": `${id}-h` },
    h("h2", { id: `${id}-h`, text: title }),
    h("p", { class: "muted", text: intro }),
    legend(), holder, table(title, rows, extraHead, extraCell, id === "chart-status" ? "Status" : undefined));
  return { section, holder, rows, title, id };
}

/** Known certificates grouped by the opleidingsdomein of their parent qualification. */
function certificateRows(cov) {
  const domainOf = new Map((cov.qualifications || []).map((q) => [q.crebo, q.opleidingsdomein]));
  const groups = new Map();
  for (const c of cov.certificates || []) {
    if (!c.known) continue;
    const name = c.opleidingsdomein || domainOf.get(c.parent_crebo) || UNKNOWN_DOMAIN;
    const g = groups.get(name) || { name, with: 0, without: 0 };
    if (c.with_offering) g.with += 1;
    else g.without += 1;
    groups.set(name, g);
  }
  return [...groups.values()].sort((a, b) => (a.name === UNKNOWN_DOMAIN) - (b.name === UNKNOWN_DOMAIN)
    || a.name.localeCompare(b.name, "nl"));
}

/** All certificates (known and only found on school sites) grouped by status. */
function statusRows(cov) {
  const groups = new Map();
  for (const c of cov.certificates || []) {
    const name = c.status || "status onbekend";
    const g = groups.get(name) || { name, with: 0, without: 0 };
    if (c.with_offering) g.with += 1;
    else g.without += 1;
    groups.set(name, g);
  }
  return [...groups.values()].sort((a, b) => (b.with + b.without) - (a.with + a.without));
}

function missingCertificates(cov) {
  const missing = (cov.certificates || []).filter((c) => c.known && !c.with_offering);
  if (!missing.length) return null;
  return h("details", { class: "panel" },
    h("summary", { text: `Bekende mbo-certificaten zonder vindbaar aanbod (${missing.length})` }),
    h("ul", { class: "plain-list columns" }, missing.map((c) => h("li", { text: c.name }))));
}

/** What was found per arbeidsmarktregio, and who has a building there (a plain table). */
function regionTable(cov) {
  const regions = cov.arbeidsmarktregios || [];
  if (!regions.length) return null;
  const heads = ["Opleidingen", "Kwalificaties", "Certificaten", "Aanbieders", "Instellingen met een vestiging"];
  return h("details", { class: "panel" },
    h("summary", { text: `Per arbeidsmarktregio (${regions.length})` }),
    h("p", { class: "muted", text: `${cov.summary?.offerings_without_region || 0} opleidingen zonder bekende plaats tellen hier niet mee.` }),
    h("div", { class: "table-scroll" },
      h("table", {},
        h("caption", { text: "Gevonden aanbod per arbeidsmarktregio" }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Arbeidsmarktregio" }),
          heads.map((t) => h("th", { scope: "col", class: "num", text: t })))),
        h("tbody", {}, regions.map((r) => h("tr", {},
          h("th", { scope: "row", text: r.name }),
          [r.offerings, r.qualifications, r.certificates, r.providers, r.institutions_with_location]
            .map((n) => h("td", { class: "num", text: n }))))))));
}

/** Shorten labels that do not fit their column (measured once the chart is in the document). */
function fitLabels(chart) {
  for (const text of chart.querySelectorAll("text.chart-label")) {
    const max = Number(text.getAttribute("data-max"));
    const full = text.textContent;
    let n = full.length;
    while (n > 4 && text.getComputedTextLength() > max) {
      n -= 1;
      text.textContent = `${full.slice(0, n).trimEnd()}…`;
    }
  }
}

function drawCharts(charts) {
  for (const c of charts) {
    const chart = barChart(c.holder, c.id, c.title, c.rows);
    replaceChildren(c.holder, chart);
    fitLabels(chart);
  }
}

export async function renderCoverage() {
  const box = $("dekking-content");
  replaceChildren(box, h("p", { class: "status", role: "status", text: "Dekking laden…" }));
  try {
    data = await get("api/coverage");
  } catch (error) {
    replaceChildren(box, h("div", { class: "alert alert-error", role: "alert", text: error.message }));
    return;
  }
  const s = data.summary || {};
  const qualRows = (data.opleidingsdomeinen || []).map((d) => ({
    name: d.name, with: d.with_offering, without: d.without_offering, providers: d.providers,
  }));
  const charts = [
    chartSection("chart-kwal", "Kwalificaties per opleidingsdomein",
      "Aantal mbo-kwalificaties met en zonder minstens één vindbare opleiding.", qualRows,
      "Aanbieders", (r) => r.providers),
    chartSection("chart-cert", "Mbo-certificaten per opleidingsdomein",
      "Bekende mbo-certificaten (ingedeeld naar hun kwalificatie) met en zonder vindbaar aanbod.",
      certificateRows(data)),
    chartSection("chart-status", "Certificaten naar status",
      "Alle certificaten: uit de lijst van bekende mbo-certificaten en alleen op schoolsites gevonden.",
      statusRows(data)),
  ];
  replaceChildren(box,
    h("div", { class: "tiles" },
      tile(s.qualifications_with_offering || 0, s.qualifications || 0, "kwalificaties hebben minstens één vindbare opleiding"),
      tile(s.known_certificates_with_offering || 0, s.known_certificates || 0, "bekende mbo-certificaten zijn vindbaar"),
      tile(s.certificates_with_offering || 0, s.certificates || 0, "certificaten in totaal (ook alleen op schoolsites genoemd)"),
      tile(s.unmapped_offerings || 0, null, `${(s.unmapped_offerings || 0) === 1 ? "opleiding" : "opleidingen"} nog niet aan een kwalificatie gekoppeld`)),
    h("p", { class: "muted", text: (data.certificate_summary || {}).denominator || "" }),
    charts.map((c) => c.section),
    missingCertificates(data),
    regionTable(data));
  drawCharts(charts);
  window.onresize = () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      if (!$("view-dekking").hidden) drawCharts(charts);
    }, 150);
  };
}
