import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wider text-accent">404</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold">Page not found</h1>
      <p className="mt-3 text-muted">There is no session or reading at this address. It may have been removed, or the link is mistyped.</p>
      <Link href="/" className="mt-6 inline-block rounded-lg bg-ink px-4 py-2 font-medium text-white hover:bg-ink/90">
        Back to the sessions
      </Link>
    </div>
  );
}
