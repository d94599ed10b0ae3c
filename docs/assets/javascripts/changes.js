// Views of the reader's data that must follow a change made elsewhere (in
// another tab, or by a load or delete): each registers how to redraw itself,
// and main.js redraws them all when storage changes. A view whose element has
// left the page (instant navigation) is forgotten.
const views = new Map(); // element -> [what, redraw]

/** Redraw ``element``'s view with ``redraw()`` whenever stored data changes elsewhere. */
export function redrawOnChange(element, what, redraw) {
  views.set(element, [what, redraw]);
}

/** Redraw every registered view; ``failed(what, error)`` hears of any that throws. */
export function redrawViews(failed) {
  for (const [element, [what, redraw]] of views) {
    if (!element.isConnected) {
      views.delete(element);
      continue;
    }
    try {
      redraw();
    } catch (error) {
      failed(what, error);
    }
  }
}
