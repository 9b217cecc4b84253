import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/page-guard";
import { ImportForm } from "@/components/console/import-form";

export const metadata: Metadata = { title: "Import a session" };
export const dynamic = "force-dynamic";

export default async function ImportPage() {
  await requirePermission("/console/import", "session:import");
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/console" className="hover:text-ink">Instructor console</Link>
      </nav>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">Import a session</h1>
      <p className="mt-2 text-muted">
        Paste a session&apos;s reading list or upload it as a text file. Importing the same session again updates it; nothing is written if the file has errors.
      </p>
      <div className="mt-6">
        <ImportForm />
      </div>
    </div>
  );
}
