// Dutch labels for codes the API returns, and number/date formatting. Unknown codes are shown as they are.

export const LEERWEG = {
  BOL: "BOL (voltijd naar school)",
  BBL: "BBL (werken en leren)",
  DERDE_LEERWEG: "Derde leerweg",
  DEELTIJD: "Deeltijd",
};

export const LEERWEG_SHORT = { BOL: "BOL", BBL: "BBL", DERDE_LEERWEG: "Derde leerweg", DEELTIJD: "Deeltijd" };

export const OFFERING_TYPE = {
  "mbo-diploma": "mbo-diploma",
  "mbo-certificaat": "mbo-certificaat",
  praktijkverklaring: "praktijkverklaring",
  keuzedeel: "keuzedeel",
  "non-mbo course": "cursus (geen mbo)",
  "": "soort onbekend",
};

export const TARGET_GROUP = {
  jongeren: "jongeren",
  volwassenen: "volwassenen",
  werkenden: "werkenden",
  werkzoekenden: "werkzoekenden",
  "zij-instromers": "zij-instromers",
};

export const METHOD = {
  crebo: "de crebocode op de pagina",
  "name-exact": "de naam van de kwalificatie in de tekst",
  "name-fuzzy": "een naam die lijkt op die van de kwalificatie",
  skills: "de vaardigheden die de tekst beschrijft",
  unmapped: "niet gekoppeld",
};

export const FLAG = {
  "unknown-crebo": "De crebocode op de pagina is onbekend.",
  "legacy-crebo": "De pagina noemt een oude crebocode (van vóór 2015).",
  "crebo-contradicts-text": "De crebocode op de pagina past niet bij de rest van de tekst.",
};

/** Facet key from the API → {title, param} (param: the query-string name the search API takes). */
export const FACETS = {
  leerweg: { title: "Leerweg", param: "leerweg" },
  niveau: { title: "Niveau", param: "niveau" },
  offering_type: { title: "Soort aanbod", param: "type" },
  opleidingsdomein: { title: "Opleidingsdomein", param: "domein" },
  provider: { title: "Aanbieder", param: "provider" },
};

export function niveauLabel(n) {
  if (n === null || n === undefined || n === "") return "niveau onbekend";
  return String(n) === "1" ? "niveau 1 (entree)" : `niveau ${n}`;
}

/** The Dutch label of a facet value. */
export function facetValueLabel(facet, value) {
  if (facet === "leerweg") return LEERWEG[value] || value;
  if (facet === "offering_type") return OFFERING_TYPE[value] ?? value;
  if (facet === "niveau") {
    const label = niveauLabel(value);
    return label.charAt(0).toUpperCase() + label.slice(1);
  }
  return value || "onbekend";
}

export function label(table, value) {
  return table[value] ?? value;
}

const DATE = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });
const EURO = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 2 });
const EURO_WHOLE = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
const KM = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });

/** "3 februari 2027" from "2027-02-03" (an ISO date or datetime); the input itself when unparsable. */
export function formatDate(iso) {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  if (!m) return String(iso);
  return DATE.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function formatPrice(eur) {
  if (eur === null || eur === undefined) return "";
  if (eur === 0) return "gratis";
  return Number.isInteger(eur) ? EURO_WHOLE.format(eur) : EURO.format(eur);
}

export function formatKm(km) {
  return `${KM.format(km)} km`;
}

export function formatCount(n, one, many) {
  return `${n.toLocaleString("nl-NL")} ${n === 1 ? one : many}`;
}
