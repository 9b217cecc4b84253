// A Hypothesis export as its search API returns it (`/api/search`): `rows` of annotations, and with
// `_separate_replies` the replies beside them. Only the fields the importer uses are required.
import { z } from "zod";

export const hypothesisSelectorSchema = z.looseObject({
  type: z.string(),
  exact: z.string().optional(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
  start: z.int().min(0).optional(),
  end: z.int().min(0).optional(),
});

export const hypothesisRowSchema = z.looseObject({
  id: z.string({ error: "Each row needs its Hypothesis id." }).min(1).max(200),
  uri: z.string({ error: "Each row needs the uri of the page it was made on." }).min(1),
  text: z.string().default(""),
  tags: z.array(z.string()).default([]),
  user: z.string({ error: "Each row needs its user (acct:name@hypothes.is)." }).min(1),
  user_info: z.looseObject({ display_name: z.string().nullable().optional() }).nullable().optional(),
  created: z.string({ error: "Each row needs its created time." }),
  references: z.array(z.string()).optional(),
  target: z.array(
    z.looseObject({
      source: z.string().optional(),
      selector: z.array(hypothesisSelectorSchema).optional(),
    }),
  ),
});
export type HypothesisRow = z.infer<typeof hypothesisRowSchema>;

export const hypothesisExportSchema = z.looseObject({
  total: z.int().min(0).optional(),
  rows: z.array(hypothesisRowSchema),
  replies: z.array(hypothesisRowSchema).optional(),
});
