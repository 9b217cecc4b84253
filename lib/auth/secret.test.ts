import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./secret.ts";

const saved = { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, AUTH_SECRET: process.env.AUTH_SECRET };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("resolveAuthSecret", () => {
  const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "marginalia-secret-"));

  it("generates a secret in demo mode and keeps it across restarts", () => {
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;
    const dir = dataDir();
    const first = resolveAuthSecret({ dataDir: dir, demo: true, production: true });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret({ dataDir: dir, demo: true, production: true })).toBe(first);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o077).toBe(0);
  });

  it("requires NEXTAUTH_SECRET in production outside demo mode, with a clear message", () => {
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;
    expect(() => resolveAuthSecret({ dataDir: dataDir(), demo: false, production: true })).toThrow(/NEXTAUTH_SECRET is not set/);
  });

  it.each([
    ["empty", "", /auth-secret is empty, so it is not used\. Delete the file/],
    ["only a newline", "\n", /auth-secret is empty, so it is not used/],
    ["short", "too-short-a-secret\n", /auth-secret is only 18 characters long \(at least 32 are needed\), so it is not used/],
  ])("refuses a stored secret that is %s, and leaves the file as it is", (_name, content, message) => {
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, "auth-secret"), content, { mode: 0o600 });
    expect(() => resolveAuthSecret({ dataDir: dir, demo: true, production: true })).toThrow(message);
    expect(fs.readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(content);
  });

  it("tightens a stored secret that others could read", () => {
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;
    const dir = dataDir();
    const file = path.join(dir, "auth-secret");
    fs.writeFileSync(file, `${"s".repeat(40)}\n`);
    fs.chmodSync(file, 0o644);
    expect(resolveAuthSecret({ dataDir: dir, demo: true, production: true })).toBe("s".repeat(40));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("uses a configured secret and refuses a short one", () => {
    process.env.NEXTAUTH_SECRET = "x".repeat(40);
    expect(resolveAuthSecret({ dataDir: dataDir(), demo: false, production: true })).toBe("x".repeat(40));
    process.env.NEXTAUTH_SECRET = "short";
    expect(() => resolveAuthSecret({ dataDir: dataDir(), demo: false, production: true })).toThrow(/at least 32 characters/);
  });
});
