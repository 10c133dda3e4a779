// Skill autocomplete on the search box: the WAI-ARIA 1.2 combobox pattern with a list box popup.
// Debounced requests to /api/skills/suggest; Arrow keys move, Enter picks, Escape closes.

import { get, isAbort } from "./api.js";
import { h, replaceChildren } from "./dom.js";

const DEBOUNCE_MS = 180;
const MIN_CHARS = 2;

/**
 * Wire the combobox. `onPick(text)` runs when a suggestion is chosen (by Enter or click); Enter without
 * an active suggestion is left to the surrounding form (it submits).
 */
export function setupCombobox(input, listbox, onPick) {
  let timer = 0;
  let controller = null;
  let options = [];
  let active = -1;

  const close = () => {
    window.clearTimeout(timer);
    if (controller) controller.abort();
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const setActive = (index) => {
    active = index;
    options.forEach((el, i) => el.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const pick = (text) => {
    input.value = text;
    close();
    onPick(text);
  };

  const show = (suggestions) => {
    options = suggestions.map((text, i) => h("li", {
      id: `q-option-${i}`, role: "option", class: "suggestion", "aria-selected": "false",
      on: {
        // mousedown + preventDefault keeps focus in the input while the option is clicked.
        mousedown: (event) => event.preventDefault(),
        click: () => pick(text),
      },
    }, text));
    replaceChildren(listbox, options);
    if (options.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      setActive(-1);
    } else {
      close();
    }
  };

  const fetchSuggestions = async () => {
    const text = input.value.trim();
    if (text.length < MIN_CHARS) {
      close();
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    try {
      const data = await get("api/skills/suggest", new URLSearchParams({ q: text, limit: "8" }), signal);
      if (document.activeElement === input && input.value.trim() === text) show(data.suggestions || []);
    } catch (error) {
      // Suggestions are a convenience: on any failure the search box simply works without them.
      if (!isAbort(error)) close();
    }
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) fetchSuggestions();
      else setActive(active + 1 >= options.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (open && active >= 0) {
        event.preventDefault();
        pick(options[active].textContent);
      } else {
        close();
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      }
    }
  });

  input.addEventListener("blur", () => window.setTimeout(close, 100));
  return { close };
}
