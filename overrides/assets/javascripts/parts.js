// A long list in parts: the overview's cards (filter.js) and the risk-factor ranking
// (riskfactors.js) when a data set is far larger than the guide's. Each part is a plain box (a
// <div>) of about PART items that the browser skips whole while it is off screen
// (content-visibility on the part, site.css): a change then costs what the screen shows, not a box
// per item (bench/README.md, "Filters at scale"). The guide's few dozen items stay one plain list.
// For assistive technology it stays one list: the parts have no role (an <li> or <ul> with
// role="none" takes the items out of the list, and Chromium leaves out the items of a skipped part
// with role="none"), the list and its items get theirs explicitly.

export const PART = 48;

// Whether `count` items are many enough for parts (more than two parts' worth).
export function many(count) {
  return count > 2 * PART;
}

// Puts `items` (the elements of `list`, in order) into parts of PART with class `name`; returns the
// parts (elements), in order.
export function split(list, items, name) {
  const parts = [];
  for (let k = 0; k < items.length; k += PART) {
    const part = document.createElement("div");
    part.className = name;
    part.append(...items.slice(k, k + PART));
    parts.push(part);
  }
  list.setAttribute("role", "list");
  for (const item of items) item.setAttribute("role", "listitem");
  list.replaceChildren(...parts);
  return parts;
}

// A part off screen takes the height it will need: `units` rows (of cards, or items of a ranking)
// of `height` each, `gap` between them. Hidden when it has nothing to show.
export function estimate(part, units, height, gap = 0) {
  part.hidden = units === 0;
  part.style.containIntrinsicBlockSize = `${Math.round(units * height + Math.max(units - 1, 0) * gap)}px`;
}

// Each part the browser renders tells the height of a unit (a row of cards, an item): `learned`
// gets it (and the part) when it differs from `current()` by more than a pixel. `unitsOf(part)`: its shown units.
export function learnHeights(parts, unitsOf, gap, current, learned) {
  for (const part of parts) {
    part.addEventListener("contentvisibilityautostatechange", (e) => {
      if (e.skipped) return;
      const n = unitsOf(part);
      const height = part.getBoundingClientRect().height;
      if (!n || !height) return;
      const unit = (height - (n - 1) * gap()) / n;
      if (Math.abs(unit - current()) > 1) learned(unit, part);
    });
  }
}
