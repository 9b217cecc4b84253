// The Activity page's items: who did what, where (linked down to the comment), when.
import Link from "next/link";
import type { ActivityItem } from "@/lib/activity/list-activity";

function who(names: string[]): string {
  if (names.length === 0) return "Someone";
  if (names.length <= 2) return names.join(" and ");
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}

function hourRange(from: Date): string {
  const to = new Date(from.getTime() + 3600 * 1000);
  return `${from.toISOString().slice(11, 16)}–${to.toISOString().slice(11, 16)} UTC`;
}

function Sentence({ item }: { item: ActivityItem }) {
  const place = (
    <Link href={item.href} className="font-medium text-accent underline">
      {item.placeTitle}
    </Link>
  );
  const actor = <strong className="text-ink">{who(item.actorNames)}</strong>;
  switch (item.kind) {
    case "reply":
      return (
        <>
          {actor} replied {item.detail.ownThread ? "to your thread" : "in a thread you took part in"} on {place}
        </>
      );
    case "mention":
      return (
        <>
          {actor} mentioned you on {place}
        </>
      );
    case "resolved":
      return (
        <>
          {actor} resolved your thread on {place}
        </>
      );
    case "reopened":
      return <>Your thread on {place} was reopened</>;
    case "quoted":
      return (
        <>
          {actor} quoted your highlight in {place}
        </>
      );
    case "new-thread":
      return (
        <>
          {actor} started a thread on {place}
        </>
      );
    case "draft-edits":
      return (
        <>
          {actor} edited {place} ({item.detail.edits} {item.detail.edits === 1 ? "change" : "changes"}
          {item.detail.from ? `, ${hourRange(item.detail.from)}` : ""})
        </>
      );
  }
}

export function ActivityList({ items }: { items: ActivityItem[] }) {
  return (
    <ol className="mt-6 divide-y divide-rule rounded-xl border border-rule bg-white" aria-label="Your activity">
      {items.map((item) => (
        <li key={item.key} className="p-4" data-activity-kind={item.kind}>
          <p className="text-sm text-muted">
            {item.isNew ? <span className="mr-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs font-semibold text-accent">New</span> : null}
            <Sentence item={item} />{" "}
            <time dateTime={item.at.toISOString()}>{item.at.toISOString().slice(0, 16).replace("T", " ")}</time>
          </p>
          {item.excerpt ? <p className="mt-1 whitespace-pre-wrap break-words text-ink">{item.excerpt}</p> : null}
        </li>
      ))}
    </ol>
  );
}
