// Calls to the llo-zoeker API. Errors become ApiError with the API's Dutch message (or a Dutch fallback).

export class ApiError extends Error {
  constructor(message, status, detail) {
    super(message);
    this.status = status;
    this.detail = detail;
  }
}

const FALLBACK = {
  404: "Niet gevonden.",
  413: "Je vraag is te lang.",
  422: "Controleer wat je hebt ingevuld.",
  503: "De zoekdienst is even niet beschikbaar. Probeer het later opnieuw.",
};

/** Human-readable Dutch text for a 422 `detail` list ([{parameter, problem}]). */
function detailText(detail) {
  if (!Array.isArray(detail)) return "";
  return detail.map((d) => (d && d.parameter ? `${d.label || d.parameter}: ${d.problem}` : "")).filter(Boolean).join("; ");
}

async function request(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" }, ...init });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError("Geen verbinding met de zoekdienst. Controleer je internetverbinding.", 0);
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    body = null;
  }
  if (response.ok && (body === null || typeof body !== "object")) {
    throw new ApiError("Onverwacht antwoord van de zoekdienst. Probeer het opnieuw.", response.status);
  }
  if (!response.ok) {
    // The API's `error` is a complete Dutch sentence (a 422 names the field and a valid value already).
    const own = body && typeof body.error === "string" && body.error;
    const message = own || FALLBACK[response.status] || `Er ging iets mis (fout ${response.status}).`;
    const extra = own ? "" : detailText(body && body.detail);
    throw new ApiError(extra ? `${message} (${extra})` : message, response.status, body && body.detail);
  }
  return body;
}

/** GET `path` with URLSearchParams `params`; an AbortSignal cancels a superseded request. */
export function get(path, params, signal) {
  const query = params && params.toString();
  return request(query ? `${path}?${query}` : path, { signal });
}

export function post(path, data) {
  return request(path, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(data),
  });
}

export function isAbort(error) {
  return error && error.name === "AbortError";
}
