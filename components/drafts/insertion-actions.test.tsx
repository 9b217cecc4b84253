// Who is offered "Insert agenda" / "Insert digest" (server rendering: the first paint, before any request).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Actor } from "@/lib/policies";
import { InsertionActions } from "./insertion-actions";

const session = { leadTeamId: "team-1", blogTeamId: "team-5" };
const person = (role: Actor["role"], teamId: string | null): Actor => ({ id: "u", name: "U", email: "u@x", role, teamId });
const render = (actor: Actor, draftKind: "PRESENTATION" | "BLOG_POST") =>
  renderToStaticMarkup(<InsertionActions draftId="d1" draftKind={draftKind} actor={actor} session={session} doc={new Y.Doc()} />);

describe("InsertionActions", () => {
  const table: Array<[string, Actor, "PRESENTATION" | "BLOG_POST", string | null]> = [
    ["the lead team on the presentation", person("STUDENT", "team-1"), "PRESENTATION", "Insert agenda"],
    ["the instructor on the presentation", person("INSTRUCTOR", null), "PRESENTATION", "Insert agenda"],
    ["the blog team on the presentation", person("STUDENT", "team-5"), "PRESENTATION", null],
    ["a classmate on the presentation", person("STUDENT", "team-2"), "PRESENTATION", null],
    ["the blog team on the blog post", person("STUDENT", "team-5"), "BLOG_POST", "Insert digest"],
    ["the instructor on the blog post", person("INSTRUCTOR", null), "BLOG_POST", "Insert digest"],
    ["the lead team on the blog post", person("STUDENT", "team-1"), "BLOG_POST", null],
    ["someone who has not joined", person(null, null), "BLOG_POST", null],
  ];
  it.each(table)("%s", (_name, actor, draftKind, button) => {
    const markup = render(actor, draftKind);
    if (button === null) expect(markup).toBe("");
    else {
      expect(markup).toContain(`>${button}</button>`);
      // Undo is offered once the server says there is something to undo.
      expect(markup).not.toContain("Undo");
    }
  });
});
