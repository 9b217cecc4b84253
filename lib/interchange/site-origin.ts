// The site's public origin, under which every id of an exported annotation lives: the configured public
// URL, else the origin the request was addressed to.
export function siteOrigin(request: Request): string {
  const configured = process.env.NEXTAUTH_URL;
  try {
    if (configured) return new URL(configured).origin;
  } catch {
    // A malformed setting is reported at start; the request's own origin still names this site.
  }
  return new URL(request.url).origin;
}
