import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/page-guard";
import { getReading } from "@/lib/readings/get-reading";
import { ReadingEditForm } from "@/components/console/reading-edit-form";

export const metadata: Metadata = { title: "Edit reading" };
export const dynamic = "force-dynamic";

export default async function EditReadingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePermission(`/console/readings/${encodeURIComponent(id)}`, "reading:edit");
  const reading = await getReading({ actor, id });
  if (!reading) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/console" className="hover:text-ink">Instructor console</Link>
        <span aria-hidden="true"> / </span>
        <Link href={`/readings/${reading.id}`} className="hover:text-ink">{reading.title}</Link>
      </nav>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">Edit reading</h1>
      <div className="mt-6 rounded-xl border border-rule bg-white p-5 sm:p-6">
        <ReadingEditForm reading={reading} />
      </div>
    </div>
  );
}
