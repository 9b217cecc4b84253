import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConnectionStatus } from "./connection-status";

const visible = (markup: string) => markup.replace(/<[^>]*>/g, "");

describe("ConnectionStatus when the session ended", () => {
  it("says so in the status region and links to sign in again, coming back to this page", () => {
    const markup = renderToStaticMarkup(<ConnectionStatus status="signed-out" unsyncedChanges={2} />);
    expect(markup).toMatch(/^<p role="status" data-connection-status="signed-out"/);
    expect(visible(markup)).toBe("Your session ended; sign in again");
    expect(markup).toContain('<a href="/signin?callbackUrl=%2F"');
  });

  it("does not claim the session ended before anyone asked", () => {
    const markup = renderToStaticMarkup(<ConnectionStatus status="reconnecting" unsyncedChanges={0} />);
    expect(visible(markup)).toBe("Reconnecting...");
  });
});

describe("ConnectionStatus when the document is gone", () => {
  it("says the reading is no longer available", () => {
    const markup = renderToStaticMarkup(<ConnectionStatus status="gone" unsyncedChanges={0} />);
    expect(markup).toMatch(/^<p role="status" data-connection-status="gone"/);
    expect(visible(markup)).toBe("This reading is no longer available");
  });

  it("names what the page shows", () => {
    expect(visible(renderToStaticMarkup(<ConnectionStatus status="gone" unsyncedChanges={0} noun="draft" />))).toBe("This draft is no longer available");
  });
});
