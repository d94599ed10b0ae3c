// Just enough of a browser page for the site's modules to load under node:
// the #guide-storage settings the build writes into every page, a location,
// and a localStorage that can be made full or blocked. Install it, then
// import the module under test (dynamic import, so the page exists first).

/** A localStorage held in a Map; ``quota`` (characters) makes writes past it fail as a full one does. */
export class MemoryStorage {
  constructor(quota = Infinity) {
    this.items = new Map();
    this.quota = quota;
  }
  get length() {
    return this.items.size;
  }
  key(index) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    const size = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (size + key.length + String(value).length > this.quota) throw new DOMException("full", "QuotaExceededError");
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

/** The engine's patterns, handed over by tests/test_javascript.py, which reads them from guidekit. */
export function enginePatterns() {
  const given = process.env.GUIDE_PATTERNS;
  if (!given) throw new Error("GUIDE_PATTERNS is not set: run these tests through tests/test_javascript.py");
  return JSON.parse(given);
}

/** Make the globals a page gives: ``settings`` as #guide-storage holds them, at ``href``. */
export function installPage({ settings = {}, href = "https://guide.example/help/situations/one/", storage = new MemoryStorage(), lang = "en-GB" } = {}) {
  const page = new EventTarget();
  page.documentElement = { lang };
  page.getElementById = (id) => (id === "guide-storage" ? { textContent: JSON.stringify(settings) } : null);
  globalThis.document = page;
  globalThis.location = new URL(href);
  globalThis.window = { localStorage: storage, location: globalThis.location };
  return { storage };
}
