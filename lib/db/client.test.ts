import { afterEach, describe, expect, it } from "vitest";
import { createDb, databaseUrlOf, type Db } from "./client.ts";

// The server entry makes the client with its copy of this module; Next's route handlers run a bundled copy
// of their own and must still find the address (the log's appends open their own connection with it).
describe("databaseUrlOf", () => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.$disconnect();
    db = undefined;
  });

  it("knows the address of a client made by another copy of this module", async () => {
    const url = "postgresql://marginalia@127.0.0.1:1/copy_test";
    db = createDb(url);
    // A query makes the module loader treat the same file as another module, as a second bundle would.
    const anotherCopy = "./client.ts?another-copy";
    const other = (await import(/* @vite-ignore */ anotherCopy)) as typeof import("./client.ts");
    expect(other.databaseUrlOf).not.toBe(databaseUrlOf);
    expect(other.databaseUrlOf(db)).toBe(url);
  });

  it("refuses a client it did not make", () => {
    expect(() => databaseUrlOf({} as Db)).toThrow(/not made by createDb/);
  });
});
