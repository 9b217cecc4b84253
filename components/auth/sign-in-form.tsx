"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { safeReturnPath } from "@/lib/http/safe-return-path";

export function SignInForm({ callbackUrl: requested, oauth }: { callbackUrl: string; oauth: Array<{ id: string; name: string }> }) {
  // The page checked it already; checked again here because this is where the browser navigates.
  const callbackUrl = safeReturnPath(requested);
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false }).catch(() => null);
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong email or password.");
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={error} />
        <Field label="Email" name="email" type="email" autoComplete="email" required maxLength={254} autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required maxLength={200} />
        <SubmitButton pending={pending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {oauth.length > 0 ? (
        <div className="space-y-2">
          <p className="text-center text-xs uppercase tracking-wider text-muted">or</p>
          {oauth.map((provider) => (
            <button
              key={provider.id}
              type="button"
              onClick={() => void signIn(provider.id, { callbackUrl })}
              className="w-full rounded-lg border border-rule bg-white px-4 py-2.5 font-medium text-ink hover:bg-paper"
            >
              Sign in with {provider.name}
            </button>
          ))}
        </div>
      ) : null}
      <p className="text-center text-sm text-muted">
        New to the course?{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-accent underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
