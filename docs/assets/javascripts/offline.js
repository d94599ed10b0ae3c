// Offline reading: register the service worker the build wrote at the site's
// root. Pages built by `mkdocs serve` carry no build version ("off"): there,
// any worker left from an earlier visit is removed, so the preview is never
// answered from a cache.
const root = new URL("../../", import.meta.url);

export function registerOffline() {
  if (!("serviceWorker" in navigator)) return;
  const build = document.querySelector('meta[name="guide-offline"]')?.content;
  const worker = navigator.serviceWorker;
  if (build && build !== "off") {
    worker
      .register(new URL("sw.js", root), { scope: root.href })
      .then(async (registration) => {
        // This page is of a newer build than the worker's cache: fetch the new
        // worker now. The browser's own check can wait until a later visit.
        const names = registration.active ? await caches.keys() : [];
        if (names.length && !names.some((name) => name.endsWith(` ${build}`))) await registration.update();
      })
      .catch((error) => console.warn(`This guide will not work offline: ${error.message}`));
  } else {
    worker.getRegistration(root.href).then((found) => found && found.scope === root.href && found.unregister());
  }
}

// Chromium sends a link's download past the service worker (crbug.com/40410035),
// so offline a worksheet's PDF would fail: fetch it instead, which the worker
// answers from its cache, and save it from memory.
async function saveThroughWorker(event) {
  const link = event.target.closest?.("a[download]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  if (!navigator.serviceWorker?.controller || link.origin !== location.origin) return;
  event.preventDefault();
  try {
    const response = await fetch(link.href);
    if (!response.ok) throw new Error(response.statusText);
    const copy = document.createElement("a");
    copy.href = URL.createObjectURL(await response.blob());
    copy.download = link.getAttribute("download") || link.pathname.split("/").pop();
    copy.click();
    URL.revokeObjectURL(copy.href);
  } catch {
    window.location.assign(link.href); // let the browser try, and say what went wrong
  }
}

document.addEventListener("click", saveThroughWorker);
