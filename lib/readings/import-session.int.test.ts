import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { SEED_FILE } from "../server/bootstrap.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { importSession } from "./import-session.ts";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

async function snapshot() {
  const db = test.db;
  return {
    sessions: await db.classSession.findMany({ orderBy: { slug: "asc" }, include: { leadTeam: true, blogTeam: true } }),
    readings: await db.reading.findMany({ orderBy: [{ sessionId: "asc" }, { position: "asc" }] }),
    teams: await db.team.findMany({ orderBy: { slug: "asc" } }),
  };
}

describe("importSession", () => {
  it("imports the seed: one session, its teams, seven readings", async () => {
    const result = await importSession({ input: fs.readFileSync(SEED_FILE), db: test.db });
    expect(result).toMatchObject({ session: { slug: "llm-fine-tuning", title: "LLM fine tuning" }, created: 7, updated: 0, archived: 0 });
    const { sessions, readings } = await snapshot();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.leadTeam?.slug).toBe("team-1");
    expect(sessions[0]?.blogTeam).toMatchObject({ slug: "team-5", name: "Team 5" });
    expect(readings.map((reading) => reading.section)).toEqual(["REQUIRED", "REQUIRED", "REQUIRED", "MORE", "MORE", "RELATED", "MORE"]);
    expect(readings[0]?.extraLinks).toEqual([
      { url: "https://www.databricks.com/blog/introducing-dbrx-new-state-art-open-llm", label: "Plus the newly avaiable DBRX model" },
    ]);
  });

  it("is idempotent: a second import updates in place and keeps every id", async () => {
    const before = await snapshot();
    const result = await importSession({ input: fs.readFileSync(SEED_FILE), db: test.db });
    expect(result).toMatchObject({ created: 0, updated: 7, archived: 0 });
    const after = await snapshot();
    expect(after.sessions.map((session) => session.id)).toEqual(before.sessions.map((session) => session.id));
    expect(after.readings.map((reading) => [reading.id, reading.title, reading.abstract])).toEqual(
      before.readings.map((reading) => [reading.id, reading.title, reading.abstract]),
    );
    expect(after.teams).toHaveLength(2);
  });

  it("updates a corrected abstract and archives a reading the file no longer lists", async () => {
    const text = fs
      .readFileSync(SEED_FILE, "utf8")
      .replace("inlcuding Qwen1.5", "including Qwen1.5")
      .replace(/Gemini: A Family[^\n]*\n- [^\n]*\n- [^\n]*\n/, "");
    const result = await importSession({ input: text, db: test.db });
    expect(result).toMatchObject({ created: 0, updated: 6, archived: 1 });
    const { readings } = await snapshot();
    expect(readings.find((reading) => reading.title.startsWith("Recent"))?.abstract).toContain("including Qwen1.5");
    expect(readings.find((reading) => reading.title.startsWith("Gemini"))?.archivedAt).toBeInstanceOf(Date);
    // Re-listing it brings the same reading back.
    await importSession({ input: fs.readFileSync(SEED_FILE), db: test.db });
    const restored = (await snapshot()).readings.find((reading) => reading.title.startsWith("Gemini"));
    expect(restored?.archivedAt).toBeNull();
  });

  const badFiles: Array<{ name: string; input: Uint8Array | string; line?: number }> = [
    { name: "empty", input: "" },
    { name: "no session title", input: "- Lead team: team-9\nPaper\n- abstract", line: 1 },
    { name: "a reading without a title", input: "New session\n- Lead team: team-9\nRequired Readings:\n- https://arxiv.org/abs/1", line: 4 },
    { name: "binary", input: new Uint8Array([0x4e, 0x65, 0x77, 0x0a, 0x00, 0xff]), line: 2 },
    { name: "not UTF-8", input: new Uint8Array([0x4e, 0x65, 0x77, 0x0a, 0x50, 0xe9, 0x0a]), line: 2 },
    { name: "over 1 MB", input: `Big\nPaper\n- ${"x".repeat(1024 * 1024)}` },
  ];
  it.each(badFiles)("writes nothing for a bad file: $name", async ({ input, line }) => {
    const before = await snapshot();
    const error = await importSession({ input, db: test.db }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    if (line !== undefined) expect((error as AppError).issues[0]?.line).toBe(line);
    expect(await snapshot()).toEqual(before);
  });

  it("rolls back everything when the database refuses part of the import", async () => {
    const before = await snapshot();
    // A title over the column-free limit passes the parser but a NUL in text is refused by PostgreSQL.
    const text = "Half written\n- Lead team: team-7\nRequired Readings:\nFirst paper\n- fine\nSecond paper\n- broken \u0000 text";
    await expect(importSession({ input: text, db: test.db })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });
});
