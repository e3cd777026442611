"use client";

import { useEffect, useId, useRef, useState } from "react";
import { apiKeyScopes, createKey, revokeKey, scopeHelp, type ApiKey, type ApiKeyScope } from "@/components/api/account";
import { messageOf } from "@/components/api/client";
import { formatDate } from "@/components/api/format";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { AlertIcon, PlusIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import { CopyField } from "./copy-field";
import { KeyIcon } from "./icons";

/** A table cell; on small screens a labelled line of the key's card (the label comes from data-label). */
const cell =
  "py-3 pr-3 max-md:p-0 max-md:before:mr-1.5 max-md:before:text-xs max-md:before:text-muted max-md:before:content-[attr(data-label)]";

const scopeLabel: Record<ApiKeyScope, string> = { read: "Read", write: "Write", generate: "Generate" };

/** "API keys": create one (shown once), list them, revoke one behind a confirmation. */
export function ApiKeysSection({ initialKeys }: { initialKeys: ApiKey[] }) {
  const titleId = useId();
  const [keys, setKeys] = useState(initialKeys);
  const [created, setCreated] = useState<{ key: string; apiKey: ApiKey } | null>(null);

  return (
    <section aria-labelledby={titleId} data-testid="api-keys-section" className={`${cardClass} p-4 sm:p-6`}>
      <div className="flex items-start gap-3">
        <span className="grid size-9 shrink-0 place-items-center rounded-lg bg-accent-soft text-accent" aria-hidden="true">
          <KeyIcon />
        </span>
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold">
            API keys
          </h2>
          <p className="mt-0.5 text-sm leading-6 text-muted">
            For scripts and other apps: send a key as <code className="rounded bg-raised px-1 py-0.5 font-mono text-[12px]">Authorization: Bearer …</code>. A key
            acts as you, within its scopes, against your own images and budget.
          </p>
        </div>
      </div>

      {created ? (
        <NewKey created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateKeyForm
          onCreated={(result) => {
            setCreated(result);
            setKeys((all) => [result.apiKey, ...all.filter((k) => k.id !== result.apiKey.id)]);
          }}
        />
      )}

      <KeyList keys={keys} onRevoked={(revoked) => setKeys((all) => all.map((k) => (k.id === revoked.id ? revoked : k)))} />
    </section>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (result: { key: string; apiKey: ApiKey }) => void }) {
  const ids = { name: useId(), scopes: useId(), error: useId() };
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["read"]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (scope: ApiKeyScope, on: boolean) => setScopes((all) => apiKeyScopes.filter((s) => (s === scope ? on : all.includes(s))));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setError("Give the key a name, such as the script or machine that will use it.");
      nameInput.current?.focus();
      return;
    }
    if (!scopes.length) {
      setError("Choose at least one scope.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await createKey(name.trim(), scopes));
      setName("");
      setScopes(["read"]);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid="create-key-form" className="mt-5 rounded-xl border border-line bg-raised/40 p-4" aria-describedby={error ? ids.error : undefined}>
      <h3 className="text-sm font-semibold">New key</h3>
      <div className="mt-3 grid gap-4 md:grid-cols-[minmax(0,16rem)_1fr]">
        <div>
          <label htmlFor={ids.name} className={labelClass}>
            Name
          </label>
          <input
            ref={nameInput}
            id={ids.name}
            data-testid="key-name"
            value={name}
            maxLength={100}
            placeholder="e.g. Nightly export script"
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            className={`${inputClass} w-full`}
          />
        </div>
        <fieldset aria-describedby={ids.scopes}>
          <legend className={labelClass}>Scopes</legend>
          <p id={ids.scopes} className="sr-only">
            What the key may do.
          </p>
          <div className="flex flex-col gap-2">
            {apiKeyScopes.map((scope) => (
              <label key={scope} className="flex cursor-pointer items-start gap-2.5 text-sm">
                <input
                  type="checkbox"
                  data-testid={`key-scope-${scope}`}
                  checked={scopes.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                  className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
                />
                <span>
                  <span className="font-medium">{scopeLabel[scope]}</span>
                  <span className="text-muted"> — {scopeHelp[scope]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {error && (
        <p id={ids.error} role="alert" data-testid="create-key-error" className="mt-4 flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          <AlertIcon className="mt-0.5 size-4 shrink-0" /> {error}
        </p>
      )}
      <div className="mt-4 flex justify-end">
        <button type="submit" data-testid="create-key" disabled={busy} className={buttonClass("primary")}>
          {busy ? <Spinner /> : <PlusIcon />} {busy ? "Creating…" : "Create key"}
        </button>
      </div>
    </form>
  );
}

/** The new key, this once: a copy box, a warning, an example, and "Done" (after which it is gone for good). */
function NewKey({ created, onDone }: { created: { key: string; apiKey: ApiKey }; onDone: () => void }) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  // Focus lands on the key (selected), so it can be copied with the keyboard at once.
  useEffect(() => box.current?.querySelector<HTMLInputElement>("input")?.focus(), []);
  return (
    <div
      ref={box}
      role="region"
      aria-labelledby={titleId}
      data-testid="new-key"
      className="mt-5 rounded-xl border border-accent/40 bg-accent-soft/60 p-4"
    >
      <h3 id={titleId} className="text-sm font-semibold">
        Your new key “{created.apiKey.name}”
      </h3>
      <p data-testid="new-key-warning" className="mt-1 mb-3 flex gap-2 text-sm leading-6 text-fg">
        <AlertIcon className="mt-1 size-4 shrink-0 text-danger" />
        <span>
          Copy it now: <strong>it is shown only this once</strong> and cannot be retrieved later. Keep it secret — anyone who has it can
          act as you within its scopes. If it leaks, revoke it below.
        </span>
      </p>
      <CopyField value={created.key} label="The new API key" testId="new-key-value" />
      <p className="mt-1 text-xs text-muted">
        Try it:{" "}
        <code className="font-mono break-all">
          curl -H &quot;Authorization: Bearer {created.apiKey.prefix}_…&quot; {origin}/api/v1/images
        </code>
      </p>
      <div className="mt-4 flex justify-end">
        <button type="button" data-testid="new-key-done" onClick={onDone} className={buttonClass("secondary")}>
          I have copied it
        </button>
      </div>
    </div>
  );
}

function ScopeChips({ scopes }: { scopes: ApiKeyScope[] }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Scopes">
      {scopes.map((s) => (
        <li key={s} data-testid="key-scope-chip" className="rounded-full border border-line bg-raised px-2 py-0.5 text-[11px] font-medium text-muted">
          {s}
        </li>
      ))}
    </ul>
  );
}

function KeyList({ keys, onRevoked }: { keys: ApiKey[]; onRevoked: (key: ApiKey) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const notify = useToast();
  const [target, setTarget] = useState<ApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const ask = (key: ApiKey, from: HTMLElement) => {
    returnFocus.current = from;
    setTarget(key);
    setError(null);
    dialog.current?.showModal();
  };

  const revoke = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const revoked = await revokeKey(target.id);
      onRevoked(revoked);
      dialog.current?.close();
      notify(`Key “${revoked.name}” revoked`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (!keys.length) {
    return (
      <p data-testid="keys-empty" className="mt-5 rounded-xl border border-dashed border-line-strong px-4 py-6 text-center text-sm text-muted">
        No keys yet. Create one above for each script or app, so you can revoke them one by one.
      </p>
    );
  }

  return (
    <>
      {/* A table from md up; below, each key is a small card (same elements, laid out as a grid). */}
      <div className="mt-5">
        <table data-testid="keys-table" className="w-full border-collapse text-sm max-md:block">
          <caption className="sr-only">Your API keys</caption>
          <thead className="max-md:sr-only">
            <tr className="border-b border-line text-left text-xs text-muted">
              <th scope="col" className="py-2 pr-3 font-medium">Name</th>
              <th scope="col" className="py-2 pr-3 font-medium">Key</th>
              <th scope="col" className="py-2 pr-3 font-medium">Scopes</th>
              <th scope="col" className="py-2 pr-3 font-medium">Created</th>
              <th scope="col" className="py-2 pr-3 font-medium">Last used</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">State and actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="max-md:flex max-md:flex-col max-md:gap-2">
            {keys.map((key) => (
              <tr
                key={key.id}
                data-testid="key-row"
                data-key-id={key.id}
                data-revoked={key.revokedAt ? "true" : "false"}
                className={`border-b border-line last:border-0 max-md:grid max-md:grid-cols-2 max-md:items-center max-md:gap-x-3 max-md:gap-y-2 max-md:rounded-xl max-md:border max-md:p-3 max-md:last:border ${
                  key.revokedAt ? "text-muted" : ""
                }`}
              >
                <th scope="row" className="max-w-[14rem] truncate py-3 pr-3 text-left font-medium max-md:col-start-1 max-md:row-start-1 max-md:max-w-none max-md:p-0" title={key.name}>
                  {key.name}
                </th>
                <td className={`${cell} max-md:col-span-2`} data-label="Key">
                  <code data-testid="key-prefix" className="font-mono text-[12px]">
                    {key.prefix}
                  </code>
                  <span className="text-subtle" aria-hidden="true">_…</span>
                </td>
                <td className={`${cell} max-md:col-span-2`}>
                  <ScopeChips scopes={key.scopes} />
                </td>
                <td className={`${cell} whitespace-nowrap tabular-nums max-md:col-span-2 max-md:text-xs`} data-label="Created">
                  {formatDate(key.createdAt)}
                </td>
                <td className={`${cell} whitespace-nowrap tabular-nums max-md:col-span-2 max-md:text-xs`} data-label="Last used">
                  {key.lastUsedAt ? formatDate(key.lastUsedAt) : <span className="text-subtle">Never</span>}
                </td>
                <td className="py-3 text-right max-md:col-start-2 max-md:row-start-1 max-md:p-0">
                  {key.revokedAt ? (
                    <span data-testid="key-revoked" className="inline-block rounded-full bg-danger-soft px-2 py-0.5 text-xs font-medium whitespace-nowrap text-danger" title={`Revoked ${formatDate(key.revokedAt)}`}>
                      Revoked
                    </span>
                  ) : (
                    <button
                      type="button"
                      data-testid="key-revoke"
                      aria-label={`Revoke key ${key.name}`}
                      onClick={(e) => ask(key, e.currentTarget)}
                      className={buttonClass("ghost", "sm", "hover:!bg-danger-soft hover:!text-danger")}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        dialogRef={dialog}
        idPrefix="revoke"
        testId="revoke-dialog"
        title={`Revoke “${target?.name ?? ""}”?`}
        error={error}
        busy={busy}
        confirmLabel="Revoke key"
        busyLabel="Revoking…"
        confirmTestId="revoke-confirm"
        onConfirm={revoke}
        onClose={() => returnFocus.current?.isConnected && returnFocus.current.focus()}
      >
        Requests with the key <code className="font-mono">{target?.prefix}_…</code> are refused from now on. This cannot be undone: scripts that
        use it need a new key.
      </ConfirmDialog>
    </>
  );
}
