import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { readingEditSchema, updateReading } from "@/lib/readings/update-reading";

/** An abstract of 50,000 characters and 200 authors, even escaped as JSON, fit with room to spare. */
const MAX_EDIT_BYTES = 1024 * 1024;

export const PATCH = route<{ readingId: string }>(async ({ request, actor, params }) => {
  authorize(actor, "reading:edit");
  const edit = await readJson(request, readingEditSchema);
  const reading = await updateReading({ actor, readingId: params.readingId, edit });
  return { id: reading.id, title: reading.title };
}, { maxBodyBytes: MAX_EDIT_BYTES });
