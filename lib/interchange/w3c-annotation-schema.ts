// The W3C Web Annotation Data Model as the importer reads it: strict about what it uses (an id, a
// target, text bodies, TextQuote / TextPosition selectors), tolerant of everything else another tool
// may add. Files: one Annotation, an array of them, an AnnotationCollection with its first page
// embedded, or an AnnotationPage.
import { z } from "zod";

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema)]);
const types = oneOrMany(z.string());

export const w3cSelectorSchema = z.looseObject({
  type: z.string({ error: "A selector needs a type (TextQuoteSelector, TextPositionSelector, ...)." }),
  exact: z.string().optional(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
  start: z.int().min(0).optional(),
  end: z.int().min(0).optional(),
});

const iri = z.string().min(1);

export const w3cTargetSchema = z.union([
  iri,
  z.looseObject({
    id: iri.optional(),
    type: types.optional(),
    source: z.union([iri, z.looseObject({ id: iri })]).optional(),
    selector: oneOrMany(z.union([w3cSelectorSchema, iri])).optional(),
  }),
]);

export const w3cBodySchema = z.union([
  iri,
  z.looseObject({
    type: types.optional(),
    value: z.string().optional(),
    purpose: types.optional(),
    format: z.string().optional(),
  }),
]);

export const w3cAgentSchema = z.union([
  iri,
  z.looseObject({
    id: iri.optional(),
    type: types.optional(),
    name: oneOrMany(z.string()).optional(),
    nickname: z.string().optional(),
    email: oneOrMany(z.string()).optional(),
    email_sha1: oneOrMany(z.string()).optional(),
  }),
]);

export const w3cAnnotationSchema = z.looseObject({
  id: iri.max(2000, "An annotation's id may be at most 2,000 characters."),
  type: types.refine((value) => (Array.isArray(value) ? value : [value]).includes("Annotation"), "The type must be Annotation."),
  motivation: types.optional(),
  body: oneOrMany(w3cBodySchema).optional(),
  bodyValue: z.string().optional(),
  target: oneOrMany(w3cTargetSchema),
  creator: oneOrMany(w3cAgentSchema).optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
});
export type W3cAnnotation = z.infer<typeof w3cAnnotationSchema>;

const annotationList = z.array(w3cAnnotationSchema);

export const w3cPageSchema = z.looseObject({
  type: types.refine((value) => (Array.isArray(value) ? value : [value]).includes("AnnotationPage"), "The type must be AnnotationPage."),
  items: annotationList,
});

export const w3cCollectionSchema = z.looseObject({
  type: types.refine((value) => (Array.isArray(value) ? value : [value]).includes("AnnotationCollection"), "The type must be AnnotationCollection."),
  first: z.looseObject({ items: annotationList }, { error: "This collection does not embed its first page: export it with its annotations included." }),
});
export type W3cTarget = z.infer<typeof w3cTargetSchema>;
export type W3cSelector = z.infer<typeof w3cSelectorSchema>;
export type W3cAgent = z.infer<typeof w3cAgentSchema>;
