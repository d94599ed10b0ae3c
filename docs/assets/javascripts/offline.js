// Offline reading: register the service worker the build wrote at the site's
// root. Pages built by `mkdocs serve` carry no build version ("off"): there,
// any worker left from an earlier visit is removed, so the preview is never
// answered from a cache.
import { SITE_ROOT as root } from "./site.js";

// This page's frame: the version of the styles and scripts it runs on, written
// into every page by the build ("off" under `mkdocs serve`). The worker names
// its cache "guide-offline <scope> <frame> <build>".
const build = document.querySelector('meta[name="guide-offline"]')?.content;
const ofThisFrame = (name) => name.startsWith(`guide-offline ${root.href} ${build} `);

// One build per page. When another tab moves this site to a new deployment,
// its worker takes over this tab too (clients.claim) and deletes the old
// build's cache. From then on this page's scripts and styles are of an older
// build than any page the worker serves, so a link must load its page whole:
// instant navigation would put the new build's HTML into the old scripts.
let stale = false;

async function checkBuild() {
  // A tab already under this site's worker is handed to the new one as soon
  // as it activates, before it has deleted the old cache: wait for that.
  const worker = navigator.serviceWorker.controller;
  if (worker && worker.state !== "activated")
    await new Promise((done) => worker.addEventListener("statechange", () => worker.state === "activated" && done()));
  const ours = (await caches.keys()).filter((name) => name.startsWith(`guide-offline ${root.href} `));
  stale = ours.length > 0 && !ours.some(ofThisFrame);
}

// Seen before Material's own click handler (capture, on the window): stopping
// the event there leaves the browser's ordinary navigation, a whole page load.
function loadWhole(event) {
  if (!stale || event.defaultPrevented || event.button !== 0) return;
  const link = event.target.closest?.("a[href]");
  if (!link || link.origin !== location.origin || link.target || link.hasAttribute("download")) return;
  if (link.pathname === location.pathname && link.hash) return; // a jump within this page
  event.stopPropagation();
}

export function registerOffline() {
  if (!("serviceWorker" in navigator)) return;
  const worker = navigator.serviceWorker;
  if (build && build !== "off") {
    worker.addEventListener("controllerchange", () => checkBuild().catch(() => {}));
    window.addEventListener("click", loadWhole, true);
    // Back and forward: Material would swap the page in; load it whole instead.
    window.addEventListener("popstate", () => stale && location.reload());
    worker
      .register(new URL("sw.js", root), { scope: root.href })
      .then(async (registration) => {
        // This page runs on newer styles or scripts than the worker's cache:
        // fetch the new worker now. The browser's own check can wait until a later visit.
        const names = registration.active ? await caches.keys() : [];
        if (names.length && !names.some(ofThisFrame)) await registration.update();
      })
      .catch((error) => console.warn(`This guide will not work offline: ${error.message}`));
  } else {
    worker.getRegistration(root.href).then((found) => found && found.scope === root.href && found.unregister());
  }
}
