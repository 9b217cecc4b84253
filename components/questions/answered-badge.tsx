// "Answered in presentation" on a question (a question highlight or a thread's first comment), linking
// to the presentation; it follows the reading document, so it appears live on every open reading page.
import Link from "next/link";
import type { AnsweredIn } from "@/lib/questions/questions";

export function AnsweredBadge({ answeredIn }: { answeredIn: AnsweredIn | null | undefined }) {
  if (!answeredIn) return null;
  return (
    <p className="mt-2 text-xs">
      <Link href={answeredIn.href} className="rounded-full bg-emerald-100 px-2 py-0.5 font-medium text-emerald-900 ring-1 ring-emerald-300 hover:underline">
        Answered in presentation
      </Link>
    </p>
  );
}
