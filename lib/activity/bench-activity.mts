// Benchmark (not a test): the Activity feed, the header's unread count and the session page's counts on a
// busy course. A class of 60 whose 7 readings and 2 drafts hold 50,000 comments (a fifth of them threads,
// the rest replies), 10,000 highlights and 5,000 mentions, written straight into the projection tables,
// and a day of draft edits. Prints the median and slowest of 30 calls each.
// Run: npx tsx lib/activity/bench-activity.mts
import { loadActor } from "../auth/current-actor.ts";
import { markSeen } from "../last-seen/mark-seen.ts";
import { listSessionNews } from "../last-seen/list-session-news.ts";
import { openDemoClassDatabase } from "../testing/demo-class.ts";
import { countUnreadActivity } from "./count-unread-activity.ts";
import { listActivity } from "./list-activity.ts";

const COMMENTS = 50_000;
const HIGHLIGHTS = 10_000;
const MENTIONS = 5_000;
const STUDENTS = 60;
const RUNS = 30;

const { db, close } = await openDemoClassDatabase();
try {
  const session = await db.classSession.findFirstOrThrow({ select: { id: true, leadTeamId: true, readings: { select: { id: true } } } });
  const drafts = await Promise.all(
    (["PRESENTATION", "BLOG_POST"] as const).map((kind) => db.draft.create({ data: { sessionId: session.id, kind }, select: { id: true } })),
  );
  const team = session.leadTeamId!;
  await db.user.createMany({ data: Array.from({ length: STUDENTS }, (_, i) => ({ email: `bench-${i}@demo.test`, name: `Student ${i}`, handle: `bench${i}` })) });
  const students = await db.user.findMany({ where: { email: { startsWith: "bench-" } }, select: { id: true } });
  await db.membership.createMany({ data: students.map((student, i) => ({ userId: student.id, role: "STUDENT" as const, teamId: i % 6 === 0 ? team : null })) });
  const me = students[0]!;
  const documents = [...session.readings.map((reading) => ({ kind: "reading", id: reading.id })), ...drafts.map((draft) => ({ kind: "draft-threads", id: draft.id }))];
  const started = Date.now() - 20 * 24 * 3600 * 1000;

  // Generated in SQL: the rows' shape is what the projection writes.
  await db.$executeRawUnsafe(`
    INSERT INTO "HighlightRow" ("readingId", "documentKind", id, "authorId", kind, exact, prefix, suffix, start, "end", "createdAt")
    SELECT d.id, d.kind, 'h' || g, (ARRAY[${students.map((s) => `'${s.id}'`).join(",")}])[1 + g % ${STUDENTS}],
           (ARRAY['question','key-idea','critique','method','note'])[1 + g % 5], 'text', '', '', 0, 4,
           to_timestamp(${started / 1000} + g * 30) AT TIME ZONE 'UTC'
    FROM generate_series(1, ${HIGHLIGHTS}) g, LATERAL (SELECT * FROM (VALUES ${documents.map((d) => `('${d.kind}', '${d.id}')`).join(",")}) AS v(kind, id) OFFSET g % ${documents.length} LIMIT 1) d`);
  await db.$executeRawUnsafe(`
    INSERT INTO "CommentRow" ("readingId", "documentKind", id, "highlightId", "parentId", "authorId", body, "createdAt", deleted, "reactionCount")
    SELECT d.id, d.kind, 'c' || g, NULL, CASE WHEN g % 5 = 0 THEN NULL ELSE 'c' || (g - g % 5) END,
           (ARRAY[${students.map((s) => `'${s.id}'`).join(",")}])[1 + (g * 7) % ${STUDENTS}], 'A comment about scaling laws ' || g,
           to_timestamp(${started / 1000} + g * 30) AT TIME ZONE 'UTC', false, 0
    FROM generate_series(5, ${COMMENTS + 4}) g, LATERAL (SELECT * FROM (VALUES ${documents.map((d) => `('${d.kind}', '${d.id}')`).join(",")}) AS v(kind, id) OFFSET (g / 5) % ${documents.length} LIMIT 1) d`);
  await db.$executeRawUnsafe(`
    INSERT INTO "MentionRow" ("readingId", "documentKind", "commentId", "mentionedUserId", "authorId", "createdAt")
    SELECT "readingId", "documentKind", id, (ARRAY[${students.map((s) => `'${s.id}'`).join(",")}])[1 + (row_number() OVER ()) % ${STUDENTS}], "authorId", "createdAt"
    FROM "CommentRow" WHERE id LIKE 'c%' LIMIT ${MENTIONS} ON CONFLICT DO NOTHING`);
  // A day of edits on the presentation by the lead team, hour by hour.
  await db.$executeRawUnsafe(`
    INSERT INTO "DraftEditHour" ("draftId", "userId", hour, edits, "lastAt")
    SELECT '${drafts[0]!.id}', (ARRAY[${students.filter((_, i) => i % 6 === 0).map((s) => `'${s.id}'`).join(",")}])[1 + h % 10], date_trunc('hour', now() - h * interval '1 hour'), 40, now() - h * interval '1 hour'
    FROM generate_series(0, 23) h ON CONFLICT DO NOTHING`);
  await db.$executeRawUnsafe(`ANALYZE`);

  const actor = (await loadActor({ userId: me.id, sessionVersion: 0, db }))!;
  await markSeen({ actor, place: { documentKind: "reading", documentId: session.readings[0]!.id }, at: new Date(Date.now() - 10 * 24 * 3600 * 1000), db });
  const time = async (name: string, call: () => Promise<unknown>) => {
    const times: number[] = [];
    let result: unknown;
    for (let i = 0; i < RUNS + 3; i++) {
      const start = performance.now();
      result = await call();
      if (i >= 3) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.ceil(times.length / 2) - 1]!;
    console.log(`${name.padEnd(34)} median ${median.toFixed(1).padStart(6)} ms   slowest ${times.at(-1)!.toFixed(1).padStart(6)} ms   ${JSON.stringify(result).slice(0, 60)}`);
  };
  console.log(`${COMMENTS} comments, ${HIGHLIGHTS} highlights, ${MENTIONS} mentions, ${students.length} students, ${documents.length} thread documents`);
  await time("listActivity (feed, 100 items)", async () => (await listActivity({ actor, db })).length);
  await time("countUnreadActivity (header)", () => countUnreadActivity({ actor, db }));
  await time("listSessionNews (session page)", async () => Object.values((await listSessionNews({ actor, sessionId: session.id, db })).readings)[0]);
} finally {
  await close();
}
