// What the build says about this site, read once from the page's
// #guide-storage element (overrides/main.html): the guide's name, the site's
// root, and the patterns the engine checks names with, so the browser accepts
// exactly the ids and placeholders the build does and restates none of them.
//
// Read when the module first runs: instant navigation keeps this module (and
// the first page's <head>) for the whole visit, and the relative root is only
// right for the page it was written into.

function readSettings() {
  try {
    const settings = JSON.parse(document.getElementById("guide-storage").textContent);
    if (settings && typeof settings === "object" && !Array.isArray(settings)) return settings;
  } catch {
    // No settings on this page: the defaults below apply.
  }
  return {};
}

const settings = readSettings();

/** The guide's name as the build gave it, made safe for a storage key or a file name. */
export const GUIDE =
  String(settings.guide ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "guide";
/** The site's name, which ends every page title. */
export const NAME = String(settings.name ?? "");
/** Old action id → the id of the action it was merged into. */
export const RENAMED = settings.renamed && typeof settings.renamed === "object" ? settings.renamed : {};

/** The site's root URL: the build's, or (a page without it) the folder two above this module, where the build puts it. */
export const SITE_ROOT = typeof settings.root === "string"
  ? new URL(settings.root, location.href)
  : new URL("../../", import.meta.url);

// A pattern the build sent (unanchored). One that is missing or does not
// compile matches nothing, so nothing unchecked is taken for valid.
function pattern(name) {
  const source = settings.patterns?.[name];
  try {
    if (typeof source === "string" && source && new RegExp(source)) return source;
  } catch {
    // Not a pattern JavaScript can read: said below.
  }
  console.warn(`This page lacks the build's "${name}" pattern: nothing is accepted as one.`);
  return "(?!)";
}

/** The engine's patterns, as sources to build on: an id (kebab-case) and a placeholder's name. */
export const PATTERNS = { id: pattern("id"), placeholder: pattern("placeholder") };

/** A regular expression matching the whole of a text, from a source that compiles. */
export const whole = (source) => new RegExp(`^(?:${source})$`);
