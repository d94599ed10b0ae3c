// The guide's service worker. The build writes the line above this one:
// BUILD = { version, frame, name, lang, files, later, laterSize }: files maps
// each file, relative to the site root, to a hash of its content; later lists
// the files (worksheet PDFs) kept only once a reader opens them or asks for
// them all, laterSize says how much they weigh ("7.8 MB").
//
// One cache per build. On install it gets every file but the later ones: a
// file whose hash is the same in an older build's cache is copied from there,
// and only new or changed files are downloaded. Later files an older cache
// kept are carried over (downloaded again if they changed).
// Pages come from the network first, so a new deployment shows at once; the
// cache answers only when the network fails. Other files come from the cache
// first, which is safe only while the page asking for them runs on the same
// frame (styles, scripts, icons): every page carries its frame's version, and
// a page of any other frame gets its files from the network instead. Old
// caches go on activate.
const SCOPE = self.registration.scope;
const OURS = `guide-offline ${SCOPE} `; // several guides may share one origin
const CACHE = `${OURS}${BUILD.frame} ${BUILD.version}`;
const STAMP = `<meta name="guide-offline" content="${BUILD.frame}">`;
const href = (file) => new URL(file, SCOPE).href;
const HASHES = new Map(Object.entries(BUILD.files).map(([file, hash]) => [href(file), hash]));
const LATER = new Set(BUILD.later.map(href));
// Where each cache notes the hashes of its build, for the next build to compare.
const LIST = href("guide-offline-files.json");
// Clients (tabs, windows) showing a page from a build other than this one.
// Kept in memory only: the browser stops an idle worker, but by then the new
// build's worker has taken over and serves that page's files itself.
const otherBuild = new Set();

// Straight from the server, past the browser's HTTP cache, which may hold
// files of an older build.
async function download(url) {
  const response = await fetch(new Request(url, { cache: "reload" }));
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return response;
}

// The older caches of this guide, each with the hashes of the build it holds.
async function olderCaches() {
  const older = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(OURS) || name === CACHE) continue;
    const cache = await caches.open(name);
    const list = await cache.match(LIST);
    const hashes = list ? await list.json().catch(() => ({})) : {};
    older.push({ cache, hashes: new Map(Object.entries(hashes).map(([file, hash]) => [href(file), hash])) });
  }
  return older;
}

async function fill() {
  const cache = await caches.open(CACHE);
  const older = await olderCaches();
  const wanted = [...HASHES.keys()].filter((url) => !LATER.has(url));
  for (const url of LATER) {
    for (const { cache: old } of older) if (await old.match(url)) wanted.push(url);
  }
  await Promise.all(
    [...new Set(wanted)].map(async (url) => {
      for (const { cache: old, hashes } of older) {
        if (hashes.get(url) !== HASHES.get(url)) continue;
        const copy = await old.match(url);
        if (copy) return cache.put(url, copy);
      }
      return cache.put(url, await download(url));
    }),
  );
  // Written last: a cache without its list was never complete.
  await cache.put(LIST, new Response(JSON.stringify(BUILD.files), { headers: { "Content-Type": "application/json" } }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    fill()
      // All files or none: a half-filled cache must not survive to be trusted.
      .catch(async (error) => {
        await caches.delete(CACHE);
        throw error;
      })
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
  else if (LATER.has(url.href)) event.respondWith(later(event, url.href));
  else if (HASHES.has(url.href)) event.respondWith(file(event, url.href));
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
      return (await cache.match(key)) || offline(HASHES.has(key));
    }
    // "/about" for "/about/": sent there, so the page's relative links work.
    const folder = `${url.href}/`;
    return (await cache.match(`${folder}index.html`)) ? Response.redirect(folder, 301) : offline(HASHES.has(`${folder}index.html`));
  }
  const html = response.ok && (response.headers.get("Content-Type") || "").startsWith("text/html");
  if (html && !(await response.clone().text()).includes(STAMP)) {
    // The site was deployed again, with other styles or scripts, since this
    // worker was installed.
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

// A worksheet PDF: from the cache if kept; else from the network, and kept
// from then on; offline and never kept, a page that says so.
async function later(event, key) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(key);
  if (kept) return kept;
  let response;
  try {
    response = await fetch(event.request);
  } catch {
    return notKept(key);
  }
  if (response.ok && response.status === 200) event.waitUntil(cache.put(key, response.clone()).catch(() => {}));
  return response;
}

// Messages from the guide's pages (offline-keep.js), each with a port to answer on:
// "status": how many of the later files are kept; "keep": keep them all,
// saying how far it got; "drop": remove them from this device.
self.addEventListener("message", (event) => {
  const port = event.ports[0];
  const what = event.data?.type;
  if (!port || !["status", "keep", "drop"].includes(what)) return;
  event.waitUntil(
    answer(what, (message) => port.postMessage(message)).catch((error) =>
      port.postMessage({ type: "failed", reason: error.message || String(error) }),
    ),
  );
});

async function keptCount(cache) {
  let kept = 0;
  for (const url of LATER) if (await cache.match(url)) kept += 1;
  return kept;
}

async function answer(what, say) {
  const cache = await caches.open(CACHE);
  const total = LATER.size;
  if (what === "drop") {
    await Promise.all([...LATER].map((url) => cache.delete(url)));
  } else if (what === "keep") {
    let kept = await keptCount(cache);
    say({ type: "progress", kept, total });
    for (const url of LATER) {
      if (await cache.match(url)) continue;
      await cache.put(url, await download(url));
      kept += 1;
      say({ type: "progress", kept, total });
    }
  }
  say({ type: "status", kept: await keptCount(cache), total });
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// What is kept on this device, for the pages that say something is not.
async function keptSentence() {
  const kept = await keptCount(await caches.open(CACHE));
  const pages = `Kept on this device: every page of ${escapeHtml(BUILD.name)} and its search`;
  if (!LATER.size) return `${pages}.`;
  if (!kept) return `${pages}. Its ${LATER.size} worksheet PDFs are kept once you open them, or keep them all, while connected.`;
  return `${pages}, and ${kept} of its ${LATER.size} worksheet PDFs.`;
}

function offlinePage(title, body) {
  const html = `<!doctype html>
<html lang="${escapeHtml(BUILD.lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title} - ${escapeHtml(BUILD.name)}</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1rem;border-radius:.2rem;border:1px solid currentColor;background:none;color:inherit;cursor:pointer}</style>
</head><body><main>
<h1>${title}</h1>
${body}
<p>The pages kept on this device still work: <a href="${escapeHtml(SCOPE)}">go to the home page of ${escapeHtml(BUILD.name)}</a>.</p>
</main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// The page for an address with no copy here: a page of the guide not kept on
// this device, or an address the guide has no page at (a typo, an old link).
async function offline(known) {
  const why = known
    ? "This page is not kept on this device, so it opens once you are connected again."
    : `There is no page at this address in ${escapeHtml(BUILD.name)}: check the address, or start again from the home page.`;
  return offlinePage("You are offline", `<p>${why}</p>\n<p>${await keptSentence()}</p>`);
}

// A worksheet PDF never opened while connected. The button asks this worker
// to keep every PDF; offline that fails, and the line under it says so.
async function notKept(key) {
  const name = escapeHtml(decodeURIComponent(key.split("/").pop()));
  const body = `<p>The worksheet PDF <strong>${name}</strong> is not kept on this device, so it opens once you are connected again.</p>
<p>${await keptSentence()}</p>
<p><button type="button" id="keep">Keep the worksheets for offline use: ${escapeHtml(BUILD.laterSize)}</button></p>
<p id="said" role="status" aria-live="polite"></p>
<script>
document.getElementById("keep").addEventListener("click", async () => {
  const said = document.getElementById("said");
  said.textContent = "Keeping the worksheets…";
  const channel = new MessageChannel();
  channel.port1.onmessage = ({ data }) => {
    if (data.type === "progress") said.textContent = "Keeping the worksheets: " + data.kept + " of " + data.total + ".";
    else if (data.type === "status") { said.textContent = "Every worksheet PDF is kept on this device."; location.reload(); }
    else said.textContent = "Not kept: this device could not reach the guide (" + data.reason + "). Press again once you are connected.";
  };
  const worker = (await navigator.serviceWorker.ready).active;
  worker.postMessage({ type: "keep" }, [channel.port2]);
});
</script>`;
  return offlinePage("This worksheet is not kept offline", body);
}
