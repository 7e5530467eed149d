// Paste from Word, WPS, Google Docs or a web page becomes clean structure: no inline styles,
// classes, fonts, colours, comments or Office namespaces. Real emphasis written as styles
// (Word's bold spans) is turned into <strong>/<em>/<s> first, so it survives. Parsing uses
// DOMParser, whose documents are inert (no script runs, nothing loads).

const DROP = 'style, script, meta, link, title, xml, head, object, embed, iframe, img, picture, video, audio, svg, canvas, form, input, button, select, textarea';

function wrap(doc: Document, el: Element, tag: string): void {
  const w = doc.createElement(tag);
  while (el.firstChild) w.appendChild(el.firstChild);
  el.appendChild(w);
}

function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

/** Elements that carry structure the editor keeps; HTML with none of them is just lines. */
const STRUCTURE = 'h1, h2, h3, h4, h5, h6, table, ul, ol, li, pre, blockquote, img';

/**
 * Is this pasted HTML only paragraphs and inline text? A web page or a Word document whose
 * author typed 一、（一）1. by hand arrives so; its plain text then says more (the numbered
 * lines become headings) than the HTML does, and loses nothing but inline emphasis.
 */
export function isFlatHtml(html: string): boolean {
  if (typeof DOMParser === 'undefined') return false;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.body.querySelector(STRUCTURE) === null;
}

export function cleanPastedHtml(html: string): string {
  if (typeof DOMParser === 'undefined') return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const body = doc.body;
  body.querySelectorAll(DROP).forEach((el) => el.remove());
  // Comments (Word's conditional comments among them).
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
  // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-…">.
  body.querySelectorAll('b[id^="docs-internal-guid"]').forEach(unwrap);
  body.querySelectorAll('*').forEach((el) => {
    const style = (el.getAttribute('style') ?? '').toLowerCase();
    if (style && !/^(strong|b|em|i|s|del|h[1-6]|th)$/i.test(el.tagName)) {
      if (/font-weight\s*:\s*(bold|[6-9]00)/.test(style)) wrap(doc, el, 'strong');
      if (/font-style\s*:\s*italic/.test(style)) wrap(doc, el, 'em');
      if (/text-decoration[^;]*line-through/.test(style)) wrap(doc, el, 's');
    }
    // Office namespaced elements (<o:p>, <w:sdt>…) carry nothing we keep.
    if (el.tagName.includes(':')) {
      unwrap(el);
      return;
    }
    for (const attr of Array.from(el.attributes)) {
      const keep = (el.tagName === 'A' && attr.name === 'href') || ((el.tagName === 'TD' || el.tagName === 'TH') && (attr.name === 'colspan' || attr.name === 'rowspan')) || (el.tagName === 'OL' && attr.name === 'start');
      if (!keep) el.removeAttribute(attr.name);
    }
  });
  // Links that are not web or mail links lose their address (the text stays).
  body.querySelectorAll('a').forEach((a) => {
    const href = a.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:)/i.test(href.trim())) unwrap(a);
  });
  // Spans and fonts are only style carriers.
  body.querySelectorAll('span, font').forEach(unwrap);
  return body.innerHTML;
}
