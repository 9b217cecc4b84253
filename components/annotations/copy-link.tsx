"use client";
// "Copy link" on a comment or highlight: a real link to its fragment (it works as a plain link too,
// and the browser's own "Copy link address" gives the same URL), which also copies the full address.
import { useState } from "react";
import { deepLinkFragment, type LinkTarget } from "./deep-link";

export function CopyLink({ target, className }: { target: LinkTarget; className: string }) {
  const [status, setStatus] = useState("");
  const fragment = deepLinkFragment(target);
  return (
    <>
      <a
        href={`#${fragment}`}
        className={className}
        aria-label={target.kind === "comment" ? "Copy link to this comment" : "Copy link to this highlight"}
        onClick={(event) => {
          event.preventDefault();
          const url = new URL(window.location.href);
          url.hash = fragment;
          window.history.replaceState(window.history.state, "", url);
          // Without clipboard access (an insecure origin, a refused permission) the address bar still has it.
          const fallback = () => setStatus("The address bar now holds the link");
          if (navigator.clipboard) navigator.clipboard.writeText(url.toString()).then(() => setStatus("Link copied"), fallback);
          else fallback();
        }}
      >
        Copy link
      </a>
      <span role="status" className="text-xs text-muted">
        {status}
      </span>
    </>
  );
}
