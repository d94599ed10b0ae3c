// A running footer on paper: the page's title and address beside Chromium's
// "Page X of Y". Page margin boxes cannot read text from the page, so the
// footer is written into an @page rule for each page the reader opens.
const SITE_SUFFIX = / [-–] After the No$/;

const cssString = (text) => `"${text.replace(/[\\"]/g, "\\$&").replace(/[\n\r]+/g, " ")}"`;

export function setPrintFooter() {
  let style = document.getElementById("guide-print-footer");
  if (!style) {
    style = document.createElement("style");
    style.id = "guide-print-footer";
    document.head.append(style);
  }
  const title = document.title.replace(SITE_SUFFIX, "");
  const footer = `${title}  ·  ${location.href.split("#")[0]}`;
  style.textContent = `@page { @bottom-left { content: ${cssString(footer)}; } }`;
  document.documentElement.classList.add("has-print-footer");
}
