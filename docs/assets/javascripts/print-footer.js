// A running footer on paper: the page's title and address beside Chromium's
// "Page X of Y". Page margin boxes cannot read text from the page, so the
// footer is written into an @page rule for each page the reader opens.
import { NAME } from "./site.js";

const cssString = (text) => `"${text.replace(/[\\"]/g, "\\$&").replace(/[\n\r]+/g, " ")}"`;

export function setPrintFooter() {
  let style = document.getElementById("guide-print-footer");
  if (!style) {
    style = document.createElement("style");
    style.id = "guide-print-footer";
    document.head.append(style);
  }
  // Material's titles end with " - <site name>": the footer needs the page's own.
  const suffix = ` - ${NAME}`;
  const title = NAME && document.title.endsWith(suffix) ? document.title.slice(0, -suffix.length) : document.title;
  const footer = `${title}  ·  ${location.href.split("#")[0]}`;
  style.textContent = `@page { @bottom-left { content: ${cssString(footer)}; } }`;
  document.documentElement.classList.add("has-print-footer");
}
