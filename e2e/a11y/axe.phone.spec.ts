// The same axe check at 375 px (the phone project): a narrow layout can hide a label, shrink a target
// or put text on a colour it was not checked against.
import { expect, test } from "@playwright/test";
import { discoverPages, expectNoSeriousViolations, findSeedIds, settle, urlsFor, visitorPage } from "./axe-support.ts";

for (const visitor of ["signed out", "alice", "instructor"] as const) {
  test(`axe at 375 px, every page, ${visitor === "alice" ? "classmate" : visitor}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const ids = await findSeedIds(browser);
    const page = await visitorPage(browser, visitor, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    for (const pattern of discoverPages()) {
      for (const url of urlsFor(pattern, ids)) {
        const response = await page.goto(url);
        expect.soft(response?.status() ?? 0, `${url} must not fail`).toBeLessThan(500);
        await settle(page);
        await expectNoSeriousViolations(page, `${url} at 375 px as ${visitor}`, { soft: true });
      }
    }
    await page.context().close();
  });
}
