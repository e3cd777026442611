"use client";

import { signIn } from "next-auth/react";
import { useId, useRef, useState } from "react";
import { AlertIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import { safeCallbackUrl } from "./callback-url";
import { PasswordField } from "./password-field";
import { GitHubIcon, GoogleIcon } from "./icons";
import { signInErrorMessage } from "./sign-in-errors";

export interface OAuthProvider {
  id: "github" | "google";
  name: string;
}

/** Email + password, then — only those configured — "Continue with GitHub/Google". */
export function SignInForm({
  providers,
  callbackUrl,
  initialError,
}: {
  providers: OAuthProvider[];
  callbackUrl: string;
  initialError: string | null;
}) {
  const ids = { email: useId(), password: useId(), error: useId() };
  const passwordInput = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState<"credentials" | OAuthProvider["id"] | null>(null);
  const [error, setError] = useState<string | null>(initialError);
  const target = safeCallbackUrl(callbackUrl);

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy("credentials");
    setError(null);
    try {
      const result = await signIn("credentials", { email: email.trim(), password, redirect: false, redirectTo: target });
      if (result?.error || !result?.ok) {
        setError(signInErrorMessage(result?.error ?? "CredentialsSignin", result?.code));
        setPassword("");
        setBusy(null);
        passwordInput.current?.focus();
        return;
      }
      // A full navigation: the server components (top bar, gallery) render for the new session.
      window.location.assign(target);
    } catch {
      setError("Could not reach Image Studio. Check your connection and try again.");
      setBusy(null);
    }
  };

  const continueWith = async (provider: OAuthProvider["id"]) => {
    setBusy(provider);
    setError(null);
    try {
      await signIn(provider, { redirectTo: target });
    } catch {
      setError("Could not reach Image Studio. Check your connection and try again.");
      setBusy(null);
    }
  };

  return (
    <div className="flex flex-col gap-5">
      {error && (
        <p id={ids.error} role="alert" data-testid="sign-in-error" className="flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          <AlertIcon className="mt-0.5 size-4 shrink-0" /> {error}
        </p>
      )}
      <form onSubmit={submit} className="flex flex-col gap-4" aria-describedby={error ? ids.error : undefined}>
        <div>
          <label htmlFor={ids.email} className={labelClass}>
            Email
          </label>
          <input
            id={ids.email}
            name="email"
            type="email"
            data-testid="sign-in-email"
            autoComplete="email"
            inputMode="email"
            autoFocus
            required
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className={`${inputClass} w-full`}
          />
        </div>
        <PasswordField
          id={ids.password}
          inputRef={passwordInput}
          testId="sign-in-password"
          autoComplete="current-password"
          maxLength={200}
          value={password}
          onChange={setPassword}
          invalid={Boolean(error)}
        />
        <button type="submit" data-testid="sign-in-submit" disabled={busy !== null} className={buttonClass("primary", "md", "w-full")}>
          {busy === "credentials" && <Spinner />} {busy === "credentials" ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {providers.length > 0 && (
        <>
          <div className="flex items-center gap-3 text-xs text-subtle" aria-hidden="true">
            <span className="h-px flex-1 bg-line" /> or <span className="h-px flex-1 bg-line" />
          </div>
          <div className="flex flex-col gap-2">
            {providers.map((p) => {
              const Icon = p.id === "github" ? GitHubIcon : GoogleIcon;
              return (
                <button
                  key={p.id}
                  type="button"
                  data-testid={`sign-in-${p.id}`}
                  disabled={busy !== null}
                  onClick={() => continueWith(p.id)}
                  className={buttonClass("secondary", "md", "w-full")}
                >
                  {busy === p.id ? <Spinner /> : <Icon />} Continue with {p.name}
                </button>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}
