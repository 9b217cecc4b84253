import type { ReactNode } from "react";

export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-center font-serif text-3xl font-semibold tracking-tight">{title}</h1>
      {intro ? <p className="mt-2 text-center text-muted">{intro}</p> : null}
      <div className="mt-8 rounded-xl border border-rule bg-white p-6 shadow-sm sm:p-8">{children}</div>
    </div>
  );
}
