"use client";

import { useId, useState, type FormEvent } from "react";
import { messageOf } from "@/components/api/client";
import { removeProviderSetting, saveProviderSetting, testProviderSetting, type ProviderSettingPatch, type ProviderSettingView, type ProviderTestResult } from "@/components/api/provider-settings";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";

type Busy = "save" | "test" | "toggle" | "remove" | null;

/** The state of a provider in a few words, with its colour. */
function statusOf(p: ProviderSettingView): { text: string; tone: string } {
  if (p.source === "environment") return p.environmentOff ? { text: `Off by the environment (${p.environmentVariable})`, tone: "bg-raised text-muted" } : { text: "Set by the environment", tone: "bg-accent-soft text-accent" };
  if (p.error) return { text: "Key unreadable", tone: "bg-danger-soft text-danger" };
  if (p.source === "settings" && !p.enabled) return { text: "Turned off", tone: "bg-raised text-muted" };
  if (p.active) return { text: "Connected", tone: "bg-success-soft text-success" };
  return { text: "Not connected", tone: "bg-raised text-muted" };
}

/** One provider on Settings → Providers: its key (only ever a hint of it shown), base URL, Test, Save, on/off, Remove. */
export function ProviderCard({ provider, onChanged }: { provider: ProviderSettingView; onChanged: (next: ProviderSettingView | null) => void }) {
  const ids = { title: useId(), secret: useId(), url: useId(), name: useId(), models: useId(), help: useId() };
  const p = provider;
  const [secret, setSecret] = useState("");
  const [baseUrl, setBaseUrl] = useState(p.baseUrl ?? "");
  const [name, setName] = useState(p.displayName ?? "");
  const [models, setModels] = useState((p.models ?? []).join(", "));
  const [busy, setBusy] = useState<Busy>(null);
  const [result, setResult] = useState<ProviderTestResult | { ok: boolean; message: string } | null>(null);
  const fromEnv = p.source === "environment";
  const status = statusOf(p);
  const stored = p.source === "settings";

  async function run(kind: Busy, action: () => Promise<void>) {
    setBusy(kind);
    setResult(null);
    try {
      await action();
    } catch (error) {
      setResult({ ok: false, message: messageOf(error) });
    } finally {
      setBusy(null);
    }
  }

  const typed = () => ({ ...(secret.trim() ? { secret: secret.trim() } : {}), ...(!fromEnv && baseUrl.trim() !== (p.baseUrl ?? "") ? { baseUrl: baseUrl.trim() || null } : {}) });

  const test = () => run("test", async () => setResult(await testProviderSetting(p.id, fromEnv ? {} : typed())));

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run("save", async () => {
      const patch: ProviderSettingPatch = { ...typed(), ...(p.id === "openai-compatible" && name.trim() !== (p.displayName ?? "") ? { name: name.trim() || null } : {}) };
      const modelIds = models.split(",").map((m) => m.trim()).filter(Boolean);
      if (p.id === "openai-compatible" && modelIds.join(",") !== (p.models ?? []).join(",")) patch.models = modelIds.length ? modelIds : null;
      if (!stored) patch.enabled = true;
      const next = await saveProviderSetting(p.id, patch);
      setSecret("");
      onChanged(next);
      setResult({ ok: true, message: next.active ? `Saved. ${next.name} is connected: its models can be chosen now.` : "Saved." });
    });
  };

  const toggle = () =>
    run("toggle", async () => {
      const next = await saveProviderSetting(p.id, { enabled: !p.enabled });
      onChanged(next);
      setResult({ ok: true, message: next.enabled ? `${p.name} is on again.` : `${p.name} is turned off: its models are greyed out in the studio.` });
    });

  const remove = () => {
    if (!window.confirm(`Remove the stored ${p.form.secretLabel} and settings of ${p.name}?`)) return;
    void run("remove", async () => {
      await removeProviderSetting(p.id);
      setSecret("");
      setBaseUrl("");
      onChanged(null);
      setResult({ ok: true, message: `${p.name}'s stored key and settings are removed.` });
    });
  };

  return (
    <li aria-labelledby={ids.title} data-testid={`provider-card-${p.id}`} className="rounded-xl border border-line p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={ids.title} className="text-sm font-semibold">
          {p.name}
        </h3>
        <span data-testid={`provider-status-${p.id}`} className={`rounded-full px-2 py-0.5 text-xs font-medium ${status.tone}`}>
          {status.text}
        </span>
      </div>
      {fromEnv ? (
        <div className="mt-2 text-sm text-muted">
          <p data-testid={`provider-env-${p.id}`}>
            Set by the environment ({p.environmentVariable}): read-only here. Change it in the server&apos;s configuration; environment variables win over
            this page.
          </p>
          {(p.secretHint || p.baseUrl) && (
            <p className="mt-1 text-xs text-muted">
              {p.secretHint && <>Key {p.secretHint}</>}
              {p.secretHint && p.baseUrl && " · "}
              {p.baseUrl && <>Base URL {p.baseUrl}</>}
            </p>
          )}
        </div>
      ) : (
        <form onSubmit={save} className="mt-3 grid gap-3 sm:grid-cols-2" aria-describedby={p.error ? ids.help : undefined}>
          {p.error && (
            <p id={ids.help} role="alert" className="text-sm text-danger sm:col-span-2">
              {p.error}
            </p>
          )}
          <div>
            <label htmlFor={ids.secret} className={labelClass}>
              {p.form.secretLabel}
              {!p.form.secretRequired && " (if the server needs one)"}
            </label>
            <input
              id={ids.secret}
              data-testid={`provider-secret-${p.id}`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              placeholder={p.hasSecret ? `Saved key ${p.secretHint ?? ""}: type to replace` : "Paste the key"}
              className={`${inputClass} w-full`}
            />
          </div>
          <div>
            <label htmlFor={ids.url} className={labelClass}>
              Base URL{!p.form.baseUrlRequired && " (optional)"}
            </label>
            <input
              id={ids.url}
              data-testid={`provider-base-url-${p.id}`}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              placeholder={p.form.defaultBaseUrl ?? "http://gpu-box:8000/v1"}
              className={`${inputClass} w-full`}
            />
          </div>
          {p.id === "openai-compatible" && (
            <div>
              <label htmlFor={ids.name} className={labelClass}>
                Name shown in the studio
              </label>
              <input id={ids.name} data-testid={`provider-name-${p.id}`} value={name} onChange={(e) => setName(e.target.value)} placeholder="OpenAI-compatible server" className={`${inputClass} w-full`} />
            </div>
          )}
          {p.id === "openai-compatible" && (
            <div>
              <label htmlFor={ids.models} className={labelClass}>
                Model ids, comma-separated (the first is the default)
              </label>
              <input
                id={ids.models}
                data-testid={`provider-models-${p.id}`}
                value={models}
                onChange={(e) => setModels(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                placeholder="sdxl-turbo, flux-schnell"
                className={`${inputClass} w-full`}
              />
            </div>
          )}
          <div className="flex flex-wrap items-center gap-2 sm:col-span-2">
            <button type="submit" data-testid={`provider-save-${p.id}`} disabled={busy !== null} className={buttonClass("primary", "sm")}>
              {busy === "save" && <Spinner className="size-3.5" />} Save
            </button>
            <button type="button" data-testid={`provider-test-${p.id}`} onClick={test} disabled={busy !== null} className={buttonClass("secondary", "sm")}>
              {busy === "test" && <Spinner className="size-3.5" />} Test
            </button>
            {stored && (
              <button type="button" data-testid={`provider-toggle-${p.id}`} onClick={toggle} disabled={busy !== null} className={buttonClass("secondary", "sm")}>
                {busy === "toggle" && <Spinner className="size-3.5" />} {p.enabled ? "Turn off" : "Turn on"}
              </button>
            )}
            {stored && (
              <button type="button" data-testid={`provider-remove-${p.id}`} onClick={remove} disabled={busy !== null} className={buttonClass("ghost", "sm", "text-danger")}>
                {busy === "remove" && <Spinner className="size-3.5" />} Remove
              </button>
            )}
            {p.form.keysUrl && !stored && (
              <a href={p.form.keysUrl} target="_blank" rel="noreferrer" className="text-xs text-accent underline underline-offset-2">
                Get a key from {p.name}
              </a>
            )}
          </div>
        </form>
      )}
      {fromEnv && !p.environmentOff && (
        <button type="button" data-testid={`provider-test-${p.id}`} onClick={test} disabled={busy !== null} className={buttonClass("secondary", "sm", "mt-3")}>
          {busy === "test" && <Spinner className="size-3.5" />} Test
        </button>
      )}
      <p role="status" aria-live="polite" data-testid={`provider-result-${p.id}`} className={`mt-2 text-sm empty:hidden ${busy === "test" || !result ? "text-muted" : result.ok ? "text-success" : "text-danger"}`}>
        {busy === "test" ? "Sending a small request…" : (result?.message ?? "")}
      </p>
    </li>
  );
}
