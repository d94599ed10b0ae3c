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
    worker.register(new URL("sw.js", root), { scope: root.href }).catch((error) => {
      console.warn(`This guide will not work offline: ${error.message}`);
    });
  } else {
    worker.getRegistration(root.href).then((found) => found && found.scope === root.href && found.unregister());
  }
}
