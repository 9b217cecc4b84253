// `npm start` serves the production build; it (re)builds only when the sources are newer than the
// last build, so a restart is quick and a fresh clone needs no separate build step.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../db/open-database.ts";

const BUILD_ID = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
const SOURCES = ["app", "components", "lib", "next.config.js", "package-lock.json", ".postcssrc.json", "tsconfig.json"];
const IGNORED = new Set(["node_modules", ".next", "generated"]);

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    if (IGNORED.has(child)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function buildIsStale(): boolean {
  if (!fs.existsSync(BUILD_ID)) return true;
  const built = fs.statSync(BUILD_ID).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(PROJECT_ROOT, source)) > built);
}

/** Runs `next build` when needed; resolves once the build is current. */
export async function ensureBuild(log: (line: string) => void = console.log): Promise<void> {
  if (!buildIsStale()) return;
  log("Building the app (first start or changed sources)...");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next"), "build"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code}).`))));
  });
}
