// Annotation interchange in the browser: the instructor uploads a Hypothesis export in the console and
// reads the report (and a refusal for a foreign file); a classmate downloads the session's W3C export.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newPerson, sameOrigin, signIn, uniqueSuffix } from "../support.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/hypothesis-import.json"), "utf8");

test("the instructor imports a Hypothesis export and reads the report; a classmate downloads the W3C export", async ({ page, browser }) => {
  // A session of this test's own, on a paper no other test uses, so its readings' threads are ours alone.
  const paper = `2999.${String(Math.floor(Math.random() * 100_000)).padStart(5, "0")}`;
  const title = `Adapters ${uniqueSuffix()}`;
  await signIn(page, "instructor");
  const created = await page.request.post("/api/console/import", {
    multipart: {
      text: [title, "- Lead team: team-1", "- Blog team: team-5", "Required Readings:", "Sparse adapters", `- https://arxiv.org/abs/${paper}`, "- A. Author", "- We freeze the backbone and train sparse adapters on top of it."].join("\n"),
    },
    headers: sameOrigin(),
  });
  expect(created.ok()).toBe(true);
  const { session } = (await created.json()) as { session: { slug: string } };
  const upload = { name: "hypothesis.json", mimeType: "application/json", buffer: Buffer.from(FIXTURE.replaceAll("__PAPER__", paper)) };

  await page.goto("/console");
  const form = page.getByRole("form", { name: "Import annotations" });
  await form.getByLabel(/Annotation file/).setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"title": "not annotations"}') });
  await form.getByRole("button", { name: "Import annotations" }).click();
  await expect(form.getByRole("alert")).toContainText("neither a W3C annotation file");

  await form.getByLabel(/Annotation file/).setInputFiles(upload);
  await form.getByRole("button", { name: "Import annotations" }).click();
  const report = form.getByRole("status", { name: "Import report" });
  await expect(report).toContainText("Imported this Hypothesis export: 4 annotations in the file.");
  await expect(report).toContainText("Sparse adapters: 1 placed, 1 detached, 3 new comments.");
  await expect(report).toContainText("Skipped hyp-e2e-4: No reading of this course has the link https://example.org/elsewhere.");

  // The same file again: everything is already there.
  await form.getByLabel(/Annotation file/).setInputFiles(upload);
  await form.getByRole("button", { name: "Import annotations" }).click();
  await expect(report).toContainText("Nothing new to import from this Hypothesis export");
  await expect(report).toContainText("Sparse adapters: 0 placed, 0 detached, 0 new comments, 3 already imported.");

  const classmate = await newPerson(browser, "bob");
  // On the reading page: the placed highlight is drawn on the abstract, the other is listed as detached with its quote.
  await classmate.goto(`/sessions/${session.slug}`);
  await classmate.getByRole("link", { name: "Sparse adapters" }).click();
  await classmate.getByRole("status").filter({ hasText: /^Live$/ }).waitFor();
  await expect(classmate.locator("[data-abstract] mark", { hasText: "train sparse adapters" })).toBeVisible();
  await expect(classmate.getByText("Detached highlights")).toBeVisible();
  await expect(classmate.getByText("a quote from the first version that is gone")).toBeVisible();

  await classmate.goto(`/sessions/${session.slug}`);
  const downloading = classmate.waitForEvent("download");
  await classmate.getByRole("link", { name: "Export annotations (W3C)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${session.slug}-annotations.jsonld`);
  const exported = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
  expect(exported).toMatchObject({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", total: 5 });
  const items = exported.first.items as Array<{ motivation: string; creator: { nickname: string }; body?: { value: string }; target: unknown }>;
  expect(items.map((item) => [item.motivation, item.creator.nickname])).toEqual([
    // Highlights in text order (the detached one keeps position 0), then comments oldest first.
    ["highlighting", "bob"],
    ["questioning", "alice"],
    ["commenting", "alice"],
    ["replying", "instructor"],
    ["commenting", "bob"],
  ]);
  expect(items[3]!.body!.value).toBe("“from Hypothesis, by acct:zoe@hypothes.is”\n\nBecause it is cheaper.");
  expect(items[1]!.target).toMatchObject({ source: `https://arxiv.org/abs/${paper}`, selector: [{ type: "TextQuoteSelector", exact: "train sparse adapters" }, { type: "TextPositionSelector" }] });
  await classmate.context().close();
});
