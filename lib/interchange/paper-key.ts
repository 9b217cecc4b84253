// One key per paper, whatever link form names it, so an annotation made on the PDF, an old version or
// the DOI of a paper finds the reading that lists its abstract page. Hand-written: no maintained
// library knows arXiv's and doi.org's link forms; the rules are a short table.

/** arXiv identifiers: new style (2106.09685, 5 digits since 2015) and old style (hep-th/9901001). */
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z][a-z.-]*\/\d{7})(v\d+)?$/i;
/** arXiv's own DOIs: 10.48550/arXiv.<id>. */
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
const DOI = /^10\.\d{4,9}\/\S+$/;
const DOI_HOSTS = new Set(["doi.org", "dx.doi.org"]);
const ARXIV_HOSTS = new Set(["arxiv.org", "export.arxiv.org"]);

/**
 * The key of the paper a link names: `arxiv:<id>` for any arXiv form (abs, pdf, html, with or without
 * a version or `.pdf`, and arXiv's DOI), `doi:<doi>` (lower-cased, from doi.org links or `doi:`
 * strings), otherwise the URL without scheme, `www.`, query, fragment and trailing slash. Null when
 * the text is not a link at all.
 */
export function paperKey(link: string): string | null {
  const text = link.trim();
  if (/^doi:/i.test(text)) return doiKey(decodeURIComponent(text.slice(4).trim()));
  if (DOI.test(text)) return doiKey(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const path = decodeURIComponent(url.pathname);
  if (DOI_HOSTS.has(host)) return doiKey(path.replace(/^\/+/, ""));
  if (ARXIV_HOSTS.has(host)) {
    const match = /^\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?$/i.exec(path);
    const id = match ? arxivId(match[1]!) : null;
    if (id) return `arxiv:${id}`;
  }
  return `${host}${url.port ? `:${url.port}` : ""}${path.replace(/\/+$/, "")}`;
}

function arxivId(candidate: string): string | null {
  const match = ARXIV_ID.exec(candidate);
  return match ? match[1]!.toLowerCase() : null;
}

function doiKey(doi: string): string | null {
  if (!DOI.test(doi)) return null;
  const arxiv = ARXIV_DOI.exec(doi);
  if (arxiv) {
    const id = arxivId(arxiv[1]!);
    if (id) return `arxiv:${id}`;
  }
  return `doi:${doi.toLowerCase()}`;
}
