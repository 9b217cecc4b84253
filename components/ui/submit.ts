// Client side of the JSON routes: one call shape and one error shape for every form.
export interface SubmitError {
  message: string;
  /** Field name -> message, for errors that belong to one input. */
  fields: Record<string, string>;
}

export type SubmitResult<T> = { ok: true; data: T } | { ok: false; error: SubmitError };

export async function submitJson<T = unknown>(url: string, method: string, body?: unknown): Promise<SubmitResult<T>> {
  return submit<T>(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function submit<T = unknown>(url: string, init: RequestInit): Promise<SubmitResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    return { ok: false, error: { message: "You seem to be offline. Check your connection and try again.", fields: {} } };
  }
  const data = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: data as T };
  const error = (data as { error?: { message?: string; issues?: Array<{ field?: string; line?: number; message: string }> } } | null)?.error;
  const fields: Record<string, string> = {};
  for (const issue of error?.issues ?? []) if (issue.field && !fields[issue.field]) fields[issue.field] = issue.message;
  return { ok: false, error: { message: error?.message ?? `Something went wrong (HTTP ${response.status}). Try again.`, fields } };
}
