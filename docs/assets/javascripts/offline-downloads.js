// Downloads that work offline, on pages with download links (worksheet PDFs).
import { saveFile } from "./download.js";

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
    saveFile(link.getAttribute("download") || link.pathname.split("/").pop(), await response.blob());
  } catch {
    window.location.assign(link.href); // let the browser try, and say what went wrong
  }
}

// Once per window: instant navigation keeps the document and its listeners.
document.addEventListener("click", saveThroughWorker);

// Nothing to do per page: the listener above handles every download link.
export function initOfflineDownloads() {}
