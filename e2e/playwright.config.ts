import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download its own browsers here: use the system Chromium (Debian's package) unless
// CHROMIUM_PATH names another. Elsewhere, `npx playwright install chromium` and unset both.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => fs.existsSync(candidate));
const executablePath = process.env.CHROMIUM_PATH ?? systemChromium;

const launchOptions = {
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: ".artifacts/results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Bounds, not goals: on two cores a cold draft page (two browsers, the server and Postgres sharing them)
  // can take 10 s to go live, and the longest flows open four or five of them. A passing test never waits
  // for these; timing goals are in the benchmarks.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000",
    // A failed test keeps its trace: actions, DOM snapshots, network and console. Without the screencast,
    // which every test paid for while it ran (a JPEG per frame) and which the snapshots make redundant.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    launchOptions,
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions }, testIgnore: ["**/*.phone.spec.ts", "security/**"] },
    { name: "phone", use: { ...devices["Pixel 7"], viewport: { width: 375, height: 812 }, launchOptions }, testMatch: "**/*.phone.spec.ts" },
    // Last: the matrix really calls every route as the instructor (rotating the join code among them).
    { name: "security", testMatch: "security/**/*.spec.ts", dependencies: ["desktop", "phone"] },
  ],
});
