export default function QuestionsLoading() {
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Questions</h1>
      <p role="status" className="mt-4 text-sm text-muted">
        Loading the questions…
      </p>
    </div>
  );
}
