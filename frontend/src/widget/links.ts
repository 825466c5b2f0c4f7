const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

/**
 * Text as DOM nodes, with bare http(s) URLs turned into safe links. Nothing is ever parsed
 * as HTML: every piece is a text node or an anchor whose href was checked.
 */
export function linkify(doc: Document, text: string): DocumentFragment {
  const frag = doc.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    // Trailing punctuation belongs to the sentence, not the link.
    const trail = /[.,;:!?)\]]+$/.exec(url)?.[0] ?? "";
    url = url.slice(0, url.length - trail.length);
    const start = m.index!;
    if (start > last) frag.append(doc.createTextNode(text.slice(last, start)));
    const href = safeHref(url);
    if (href) {
      const a = doc.createElement("a");
      a.href = href;
      a.textContent = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      frag.append(a);
    } else {
      frag.append(doc.createTextNode(url));
    }
    last = start + url.length;
  }
  if (last < text.length) frag.append(doc.createTextNode(text.slice(last)));
  return frag;
}

/** The URL if it is http or https, else null. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}
