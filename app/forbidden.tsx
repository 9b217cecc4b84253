import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wider text-accent">403</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold">You do not have access to this page</h1>
      <p className="mt-3 text-muted">This part of Marginalia is for the course&apos;s instructor. If you think you should see it, ask them.</p>
      <Link href="/" className="mt-6 inline-block rounded-lg bg-ink px-4 py-2 font-medium text-white hover:bg-ink/90">
        Back to the sessions
      </Link>
    </div>
  );
}
