export default function SearchLoading() {
  return (
    <div className="mx-auto max-w-3xl" aria-busy="true">
      <h1 className="mt-7 font-serif text-3xl font-semibold tracking-tight">Search annotations</h1>
      <p role="status" className="mt-6 text-sm text-muted">
        Searching…
      </p>
    </div>
  );
}
