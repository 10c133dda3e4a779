"""Style 6: a catalogue whose data comes from a JSON endpoint (schema.org JSON-LD ``@graph``).

The HTML is an application shell (``<div id="catalogus" data-src=...>``); item URLs serve the same
shell, as single-page applications do. All offering data is in ``FEED_PATH``.
"""

from __future__ import annotations

import json

from ..specs import PageSpec
from .base import SiteContext, esc, shell
from .jsonld_cms import course_object

STYLE = "catalogue"
FEED_PATH = "/api/opleidingen.json"


def shell_page(ctx: SiteContext, title: str) -> str:
    body = (f'<h1>{esc(title)}</h1>\n<div id="catalogus" data-src="{FEED_PATH}">'
            "<p>Het opleidingsaanbod wordt geladen…</p></div>\n"
            "<noscript>Zet JavaScript aan om ons opleidingsaanbod te bekijken.</noscript>\n"
            '<script src="/static/catalogus.js" defer></script>')
    return shell(ctx, title, body, body_class="catalogus")


def feed(ctx: SiteContext, pages: list[PageSpec]) -> str:
    """The JSON endpoint: one Course per page (two for two-level pages), each with its own url."""
    graph = []
    for page in pages:
        if page.kind == "two-level":
            graph += [course_object(ctx, page, [off], page.path) for off in page.offerings]
        else:
            graph.append(course_object(ctx, page, page.offerings, page.path))
    return json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=1) + "\n"


SCRIPT = """// Renders the catalogue from the JSON endpoint named in data-src.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('catalogus');
  fetch(el.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
    el.innerHTML = '';
    data['@graph'].forEach(function (c) {
      var a = document.createElement('a'); a.href = c.url; a.textContent = c.name;
      var li = document.createElement('li'); li.appendChild(a); el.appendChild(li);
    });
  });
});
"""
