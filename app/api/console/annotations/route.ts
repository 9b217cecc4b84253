import { AppError, isAppError } from "@/lib/errors/app-error";
import { route } from "@/lib/http/route";
import { MAX_ANNOTATION_FILE_BYTES } from "@/lib/interchange/annotation-file-limits";
import { importAnnotations } from "@/lib/interchange/import-annotations";
import { siteOrigin } from "@/lib/interchange/site-origin";
import { authorize } from "@/lib/policies";

/** Imports a W3C or Hypothesis annotation file (multipart form, field "file") and answers with the report. */
export const POST = route(
  async ({ request, actor }) => {
    authorize(actor, "annotations:import");
    let form: FormData;
    try {
      form = await request.formData();
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError("INVALID_INPUT", "Send the annotation file as a form with a file field.");
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError("INVALID_INPUT", "Choose a W3C annotation file or a Hypothesis export to import.");
    return importAnnotations({ actor, input: new Uint8Array(await file.arrayBuffer()), baseUrl: siteOrigin(request) });
  },
  // The file itself is checked against its cap by the importer; this leaves room for the form around it.
  { maxBodyBytes: MAX_ANNOTATION_FILE_BYTES + 64 * 1024, tooLargeMessage: `An annotation file may be at most ${MAX_ANNOTATION_FILE_BYTES / 1024 / 1024} MB.` },
);
