import { authorize } from "@/lib/policies";
import { readJson, route } from "@/lib/http/route";
import { readingEditSchema, updateReading } from "@/lib/readings/update-reading";

export const PATCH = route<{ readingId: string }>(async ({ request, actor, params }) => {
  authorize(actor, "reading:edit");
  const edit = await readJson(request, readingEditSchema);
  const reading = await updateReading({ actor, readingId: params.readingId, edit });
  return { id: reading.id, title: reading.title };
});
