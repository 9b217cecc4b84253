"use client";

export function SignOutButton() {
  return (
    <button
      type="button"
      // next-auth's browser client is loaded on the click: every page has this button, few press it.
      onClick={() => void import("next-auth/react").then(({ signOut }) => signOut({ callbackUrl: "/signin" }))}
      className="rounded-lg border border-rule px-3 py-1.5 text-sm font-medium text-ink hover:bg-paper"
    >
      Sign out
    </button>
  );
}
