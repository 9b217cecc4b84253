import { AppError, isAppError } from "@/lib/errors/app-error";
import { authorize } from "@/lib/policies";
import { route } from "@/lib/http/route";
import { importSession } from "@/lib/readings/import-session";
import { MAX_FILE_BYTES } from "@/lib/readings/session-text";

/** Imports a session's reading list, pasted (text field) or uploaded (file field), as multipart form data. */
export const POST = route(
  async ({ request, actor }) => {
    authorize(actor, "session:import");
    let form: FormData;
    try {
      form = await request.formData();
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError("INVALID_INPUT", "Send the reading list as a form with a text or file field.");
    }
    const file = form.get("file");
    const text = form.get("text");
    let input: Uint8Array | string;
    if (file instanceof File && file.size > 0) input = new Uint8Array(await file.arrayBuffer());
    else if (typeof text === "string" && text.trim()) input = text;
    else throw new AppError("INVALID_INPUT", "Paste the reading list or choose a file to import.");
    return importSession({ actor, input });
  },
  // The file itself is checked against 1 MB by the importer; this leaves room for the form around it.
  { maxBodyBytes: MAX_FILE_BYTES + 64 * 1024, tooLargeMessage: "A reading list may be at most 1 MB." },
);
