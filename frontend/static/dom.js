// Building DOM safely. Every string becomes a text node or an attribute value: crawled text from school
// sites is untrusted, so nothing here ever parses a string as HTML (no innerHTML anywhere in the page).

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Create an element. `attrs` values: strings/numbers become attributes, `true` a boolean attribute,
 * false/null/undefined are skipped; `on` is {event: handler}; `text` sets textContent.
 * Children may be nodes, strings (as text), arrays, or null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** Same as `h` for SVG elements (charts). */
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (key === "text") {
      el.textContent = String(value);
    } else if (key === "class") {
      el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    } else if (key === "href" || key === "src") {
      el.setAttribute(key, value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Remove every child of `el`, then append `children`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * An http(s) URL from crawled data, or null. Blocks javascript:, data: and other schemes that would
 * turn a link from a school site into script.
 */
export function safeExternalUrl(value) {
  if (!value || typeof value !== "string") return null;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A link to another site: opens in the same tab, no referrer, marked for screen readers. */
export function externalLink(url, label, extraClass = "") {
  const href = safeExternalUrl(url);
  if (!href) return h("span", { text: label });
  return h("a", { href, class: ["external", extraClass], rel: "noopener noreferrer nofollow" },
    label, h("span", { class: "visually-hidden", text: " (externe site)" }));
}
