"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl py-16 text-center">
      <h1 className="font-serif text-3xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-muted">The page could not be loaded. Nothing you wrote is lost; try again in a moment.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-lg bg-ink px-4 py-2 font-medium text-white hover:bg-ink/90">
        Try again
      </button>
    </div>
  );
}
