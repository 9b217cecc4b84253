"use client";
// A JSON list the page keeps fresh (comments, revisions): loaded on mount, reloaded on demand, with
// the latest request winning so a slow old answer never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod/mini";
import { submit } from "../ui/submit";

export type Resource<T> =
  | { status: "loading"; data: null; error: null }
  | { status: "ready"; data: T; error: null }
  /** `data` keeps the last good answer, so a failed refresh does not blank the list. */
  | { status: "error"; data: T | null; error: string };

type Outcome<T> = { ok: true; data: T } | { ok: false; message: string };

async function fetchJson<S extends z.ZodMiniType>(url: string, schema: S): Promise<Outcome<z.output<S>>> {
  const result = await submit<unknown>(url, { method: "GET", cache: "no-store", headers: { accept: "application/json" } });
  if (!result.ok) return { ok: false, message: result.error.message };
  const parsed = schema.safeParse(result.data);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, message: "The server sent something unexpected. Reload the page to try again." };
}

function next<T>(previous: Resource<T>, outcome: Outcome<T>): Resource<T> {
  return outcome.ok ? { status: "ready", data: outcome.data, error: null } : { status: "error", data: previous.data, error: outcome.message };
}

export function useJsonResource<S extends z.ZodMiniType>(url: string, schema: S): Resource<z.output<S>> & { reload: () => Promise<void> } {
  const [resource, setResource] = useState<Resource<z.output<S>>>({ status: "loading", data: null, error: null });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    const outcome = await fetchJson(url, schema);
    if (request === latest.current) setResource((previous) => next(previous, outcome));
  }, [url, schema]);

  useEffect(() => {
    const request = ++latest.current;
    void fetchJson(url, schema).then((outcome) => {
      if (request === latest.current) setResource((previous) => next(previous, outcome));
    });
  }, [url, schema]);

  return { ...resource, reload };
}
