// The guide's service worker. The build writes the line above this one:
// BUILD = { version, name, lang, files }, the files relative to the site root.
//
// One cache per build, filled on install with every file of that build.
// Pages come from the network first, so a new deployment shows at once; the
// cache answers only when the network fails. Other files come from the cache
// first, which is safe only while the page asking for them is of the same
// build: every page carries its build's version, and a page from any other
// build gets its files from the network instead. Old caches go on activate.
const SCOPE = self.registration.scope;
const OURS = `guide-offline ${SCOPE} `; // several guides may share one origin
const CACHE = OURS + BUILD.version;
const STAMP = `<meta name="guide-offline" content="${BUILD.version}">`;
const FILES = new Set(BUILD.files.map((file) => new URL(file, SCOPE).href));
// Clients (tabs, windows) showing a page from a build other than this one.
// Kept in memory only: the browser stops an idle worker, but by then the new
// build's worker has taken over and serves that page's files itself.
const otherBuild = new Set();

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // Straight from the server, past the browser's HTTP cache, which may
      // hold files of an older build. All files or none.
      .then((cache) => cache.addAll([...FILES].map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(OURS) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  url.search = url.hash = "";
  if (url.pathname.endsWith("/") || url.pathname.endsWith(".html")) event.respondWith(page(event, url));
  else if (FILES.has(url.href)) event.respondWith(file(event, url.href));
  // An address typed without its last "/" ("/about"): the server redirects
  // it, and offline the worker does.
  else if (request.mode === "navigate") event.respondWith(page(event, url));
});

async function page(event, url) {
  const { request } = event;
  let response;
  try {
    // A navigation must get a redirect as a redirect, not the page it leads to.
    const redirect = request.mode === "navigate" ? "manual" : "follow";
    response = await fetch(request.url, { cache: "no-cache", credentials: "same-origin", redirect });
  } catch {
    const cache = await caches.open(CACHE);
    if (url.pathname.endsWith("/") || url.pathname.endsWith(".html")) {
      const key = url.pathname.endsWith("/") ? `${url.href}index.html` : url.href;
      return (await cache.match(key)) || offline(FILES.has(key));
    }
    // "/about" for "/about/": sent there, so the page's relative links work.
    const folder = `${url.href}/`;
    return (await cache.match(`${folder}index.html`)) ? Response.redirect(folder, 301) : offline(FILES.has(`${folder}index.html`));
  }
  const html = response.ok && (response.headers.get("Content-Type") || "").startsWith("text/html");
  if (html && !(await response.clone().text()).includes(STAMP)) {
    // The site was deployed again since this worker was installed.
    self.registration.update().catch(() => {});
    if (request.mode !== "navigate") {
      // Instant navigation would put the new page into the old one's styles
      // and scripts; an error makes it load the address as a whole page.
      return new Response("", { status: 409, statusText: "Another build" });
    }
    if (otherBuild.size > 50) otherBuild.clear();
    otherBuild.add(event.resultingClientId);
  }
  return response;
}

async function file(event, key) {
  if (otherBuild.has(event.clientId)) {
    try {
      return await fetch(event.request, { cache: "no-cache" });
    } catch {
      // Offline: this build's copy is better than nothing.
    }
  }
  return (await caches.open(CACHE).then((cache) => cache.match(key))) || fetch(event.request);
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// The page for an address with no copy here: a page of the guide not kept on
// this device, or an address the guide has no page at (a typo, an old link).
function offline(known) {
  const why = known
    ? "This page is not kept on this device, so it opens once you are connected again."
    : `There is no page at this address in ${escapeHtml(BUILD.name)}: check the address, or start again from the home page.`;
  const html = `<!doctype html>
<html lang="${escapeHtml(BUILD.lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Offline - ${escapeHtml(BUILD.name)}</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}</style>
</head><body><main>
<h1>You are offline</h1>
<p>${why}</p>
<p>The pages kept on this device still work: <a href="${escapeHtml(SCOPE)}">go to the home page of ${escapeHtml(BUILD.name)}</a>.</p>
</main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
