"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/signin" })}
      className="rounded-lg border border-rule px-3 py-1.5 text-sm font-medium text-ink hover:bg-paper"
    >
      Sign out
    </button>
  );
}
