import { describe, expect, it } from "vitest";
import { documentName, documentNameProblem, draftThreadsDocumentName, parseDocumentName } from "./document-name.ts";

describe("document names", () => {
  const id = "cmx1cyk3m0003y97d6acprl9w";
  it("round-trip", () => {
    expect(parseDocumentName(documentName({ kind: "reading", id }))).toEqual({ kind: "reading", id });
    expect(parseDocumentName(documentName({ kind: "draft", id }))).toEqual({ kind: "draft", id });
    expect(parseDocumentName(draftThreadsDocumentName(id))).toEqual({ kind: "draft-threads", id });
  });
  it("names a draft's threads apart from the draft, and no other kind of draft document", () => {
    expect(draftThreadsDocumentName(id)).toBe(`draft-threads:${id}`);
    expect(documentNameProblem(`draft-notes:${id}`)).toBe('There is no kind of live document called "draft-notes".');
  });
  it.each(["", "reading:", `reading:${id}x!`, `Reading:${id}`, `note:${id}`, `reading:${id}:extra`, `reading:../${id}`, `reading:short`])("refuse %j", (name) => {
    expect(parseDocumentName(name)).toBeNull();
  });
  it("refuses to build a name from a bad id", () => {
    expect(() => documentName({ kind: "reading", id: "../etc" })).toThrow();
  });
});
