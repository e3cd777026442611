"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { StylePreset } from "@/components/api/generation";
import { formatUsd } from "@/components/api/providers";
import { AspectPicker } from "@/components/generate/aspect-picker";
import { SparklesIcon } from "@/components/generate/icons";
import { SeedField } from "@/components/generate/seed-field";
import { aspectPresets, aspectsOf, randomSeed, type AspectId } from "@/components/generate/settings";
import { StyleChips } from "@/components/generate/style-chips";
import { useProviders } from "@/components/generate/use-providers";
import { AlertIcon, PlusIcon } from "@/components/ui/icons";
import { buttonClass, labelClass } from "@/components/ui/styles";
import { CompareColumn, type ColumnResult } from "./compare-column";
import { ResultSlider, type RunColumn } from "./result-slider";
import { ImagePair } from "./image-pair";
import { LaneEditor } from "./lane-editor";
import { defaultLanes, findModel, laneLetter, laneRequest, maxLanes, type Lane } from "./lanes";
import { AddReferenceButton } from "@/components/references/add-reference-button";
import { ReferenceTray } from "@/components/references/reference-tray";
import { referenceReason, smallestReferenceLimit, type DraftReference } from "@/components/references/references";
import { useReferenceInput } from "@/components/references/use-reference-input";

interface Form {
  prompt: string;
  negativePrompt: string;
  aspect: AspectId;
  style: StylePreset;
  seed: number | null;
  seedLocked: boolean;
  /** Reference images every column sends. */
  references: DraftReference[];
}

interface Run {
  id: number;
  prompt: string;
  ratio: number;
  columns: RunColumn[];
}

interface Props {
  /** `?image=` (with its parent) or `?before=&after=`: a before/after pair to show first. */
  pair?: { imageId: string; beforeId?: string } | null;
}

const emptyPrompt = "Describe the image to compare first — a few words are enough.";

/**
 * Compare: one prompt sent to several providers (or one model with different seeds or styles) at once, one job per
 * column, shown side by side as they render, with the time each took and what it cost; then a slider between any
 * two results. `?image=<id>` shows an image against its parent.
 */
export function CompareView({ pair = null }: Props) {
  const ids = { prompt: useId(), negative: useId(), error: useId() };
  const { providers, error: providersError, usage, refreshUsage } = useProviders();
  const [form, setForm] = useState<Form>({ prompt: "", negativePrompt: "", aspect: "1:1", style: "none", seed: null, seedLocked: false, references: [] });
  const [lanes, setLanes] = useState<Lane[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [results, setResults] = useState<Record<string, ColumnResult>>({});
  const nextKey = useRef(1);
  const runs = useRef(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const update = (change: Partial<Form>) => setForm((f) => ({ ...f, ...change }));
  const refs = useReferenceInput({ references: form.references, onChange: (references) => update({ references }) });

  useEffect(() => {
    if (providers && !lanes) setLanes(defaultLanes(providers, () => nextKey.current++));
  }, [providers, lanes]);

  const chosen = useMemo(() => (lanes ?? []).map((lane) => findModel(providers, lane)), [lanes, providers]);
  // The shapes every column's model can make.
  const allowed = useMemo(() => {
    const models = chosen.filter((c) => c !== null).map((c) => c.model);
    return aspectPresets.map((a) => a.id).filter((a) => models.every((m) => aspectsOf(m).includes(a)));
  }, [chosen]);
  // The references go to every column: the column taking the fewest is the one that judges them (named in the tray).
  const judge = useMemo(
    () => smallestReferenceLimit(chosen.map((c) => c && { capabilities: c.model.capabilities, label: c.model.label }), (i) => `Column ${laneLetter(i)}`),
    [chosen],
  );
  const seedless = chosen.length > 0 && chosen.every((c) => c?.model.capabilities.seed === false);
  const estimate = chosen.reduce((sum, c) => sum + (c?.model.costPerImageUsd ?? 0), 0);
  const left = usage?.budget.leftUsd;
  const overBudget = estimate > 0 && left !== undefined && estimate > left;

  useEffect(() => {
    if (allowed.length && !allowed.includes(form.aspect)) setForm((f) => ({ ...f, aspect: allowed[0] }));
  }, [allowed, form.aspect]);

  const changeLane = (key: number, change: Partial<Lane>) => setLanes((all) => all?.map((l) => (l.key === key ? { ...l, ...change } : l)) ?? all);
  const addLane = () =>
    setLanes((all) => {
      if (!all || all.length >= maxLanes) return all;
      const last = all[all.length - 1];
      return [...all, { ...(last ?? { provider: "", model: "", style: "shared" }), key: nextKey.current++, seed: randomSeed() } as Lane];
    });

  const onResult = useCallback((letter: string, result: ColumnResult) => {
    setResults((all) => ({ ...all, [letter]: result }));
    if (result.status !== "running") refreshUsage();
  }, [refreshUsage]);

  const submit = () => {
    if (!form.prompt.trim()) {
      setError(emptyPrompt);
      textarea.current?.focus();
      return;
    }
    if (!lanes || lanes.length < 1 || chosen.some((c) => c === null)) {
      setError("Choose a provider and model for every column.");
      return;
    }
    // Every column sends the same references: a column whose model cannot take them would only fail.
    const unfit = chosen.findIndex((c) => c && referenceReason(c.model.capabilities, form.references.length));
    if (unfit >= 0) {
      setError(`Column ${laneLetter(unfit)}: ${chosen[unfit]!.model.label} ${referenceReason(chosen[unfit]!.model.capabilities, form.references.length)}.`);
      return;
    }
    if (refs.pending.some((p) => !p.error)) {
      setError("Wait until the reference pictures have uploaded, then compare.");
      return;
    }
    setError(null);
    let seed = form.seed;
    if (!form.seedLocked || seed === null) {
      seed = randomSeed();
      update({ seed });
    }
    const shared = { prompt: form.prompt, negativePrompt: form.negativePrompt, aspect: form.aspect, style: form.style, seed, references: form.references };
    const preset = aspectPresets.find((a) => a.id === form.aspect) ?? aspectPresets[0];
    setResults({});
    setRun({
      id: ++runs.current,
      prompt: form.prompt.trim(),
      ratio: preset.w / preset.h,
      columns: lanes.map((lane, i) => ({
        letter: laneLetter(i),
        request: laneRequest(lane, shared, chosen[i]?.model),
        modelLabel: chosen[i]?.model.label ?? lane.model,
      })),
    });
  };

  // Once every column has ended: the fastest and the cheapest of those that succeeded.
  const marks = useMemo(() => {
    const done = run?.columns.map((c) => results[c.letter]) ?? [];
    const marks: Record<string, string[]> = {};
    if (!run || done.some((r) => !r || r.status === "running")) return marks;
    const ok = run.columns.filter((c) => results[c.letter]?.status === "succeeded");
    if (ok.length < 2) return marks;
    const timed = ok.filter((c) => results[c.letter].seconds !== null);
    if (timed.length > 1) {
      const fastest = timed.reduce((a, b) => (results[b.letter].seconds! < results[a.letter].seconds! ? b : a));
      (marks[fastest.letter] ??= []).push("Fastest");
    }
    const costs = ok.map((c) => results[c.letter].costUsd ?? 0);
    if (new Set(costs).size > 1) {
      const cheapest = ok.reduce((a, b) => ((results[b.letter].costUsd ?? 0) < (results[a.letter].costUsd ?? 0) ? b : a));
      (marks[cheapest.letter] ??= []).push("Cheapest");
    }
    return marks;
  }, [run, results]);

  const withImages = run?.columns.filter((c) => results[c.letter]?.image) ?? [];

  return (
    <main className="mx-auto flex max-w-[1600px] flex-col gap-5 px-4 pt-4 pb-16 sm:px-6 sm:pt-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Compare</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          Send one prompt to several providers at once and see the results side by side, with the time each took and what
          it cost. Every column asks only its own provider — no fallback — and its image joins your gallery.
        </p>
      </header>

      {pair && <ImagePair imageId={pair.imageId} beforeId={pair.beforeId} />}

      <section
        aria-label="What to compare"
        data-testid="compare-form"
        data-drop-active={refs.active || undefined}
        {...refs.dropProps}
        className="rounded-2xl border border-line bg-surface shadow-sm data-drop-active:border-accent data-drop-active:ring-4 data-drop-active:ring-accent/20"
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="grid grid-cols-1 gap-4 p-3 sm:p-5 lg:grid-cols-2">
            <div className="grid min-w-0 grid-cols-1 content-start gap-3">
              <div>
                <label htmlFor={ids.prompt} className={labelClass}>
                  Prompt
                </label>
                <textarea
                  ref={textarea}
                  id={ids.prompt}
                  data-testid="compare-prompt"
                  data-shortcut="prompt"
                  rows={3}
                  value={form.prompt}
                  placeholder="“a red fox in fresh snow, morning light”"
                  aria-invalid={error === emptyPrompt ? true : undefined}
                  aria-describedby={error ? ids.error : undefined}
                  onChange={(e) => {
                    update({ prompt: e.target.value });
                    if (error && e.target.value.trim()) setError(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
                    e.preventDefault();
                    submit();
                  }}
                  className="field-sizing-content max-h-48 min-h-20 w-full resize-none rounded-lg border border-line-strong bg-surface px-3 py-2 text-[15px] leading-6 shadow-xs outline-none placeholder:text-subtle focus-visible:border-accent"
                />
              </div>
              <div>
                <label htmlFor={ids.negative} className={labelClass}>
                  Negative prompt <span className="font-normal text-subtle">— optional</span>
                </label>
                <input
                  id={ids.negative}
                  data-testid="compare-negative"
                  value={form.negativePrompt}
                  placeholder="blurry, text, watermark"
                  onChange={(e) => update({ negativePrompt: e.target.value })}
                  className="h-10 w-full rounded-lg border border-line-strong bg-surface px-3 text-sm shadow-xs outline-none placeholder:text-subtle focus-visible:border-accent"
                />
              </div>
              <div className="flex flex-col items-start gap-2">
                <AddReferenceButton attached={form.references.map((r) => r.id)} onAdd={refs.add} capabilities={judge?.capabilities} modelName={judge?.name} />
                <ReferenceTray
                  references={form.references}
                  onChange={(references) => update({ references })}
                  pending={refs.pending}
                  onDismissPending={refs.dismiss}
                  notice={refs.notice}
                  capabilities={judge?.capabilities}
                  modelName={judge?.name}
                  renderer={chosen.length && chosen.every((c) => c?.provider.local) ? "local" : chosen.some((c) => c) ? "remote" : undefined}
                />
              </div>
              <div className="min-w-0">
                <p className={labelClass} id={`${ids.prompt}-style`}>
                  Style
                </p>
                <StyleChips value={form.style} onChange={(style) => update({ style })} />
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <AspectPicker value={form.aspect} onChange={(aspect) => update({ aspect })} allowed={allowed} />
                <div className="flex min-w-[13rem] flex-1 sm:flex-none">
                  <SeedField
                    seed={form.seed}
                    locked={form.seedLocked}
                    onChange={(change) => update(change)}
                    unsupported={seedless ? "None of these models takes a seed" : undefined}
                  />
                </div>
              </div>
              <p className="text-xs leading-5 text-subtle">
                Every column shares one seed (drawn for each run unless locked), so the differences are the models&apos;.
                Give a column a seed or a style of its own to compare those instead.
              </p>
            </div>

            <div className="grid min-w-0 grid-cols-1 content-start gap-2">
              <p className={labelClass}>Columns</p>
              {providersError && (
                <p role="alert" className="flex items-center gap-2 text-sm text-danger">
                  <AlertIcon className="size-4 shrink-0" /> The providers could not be loaded: {providersError}
                </p>
              )}
              {!lanes && !providersError && <div className="skeleton h-24 rounded-xl" aria-label="Loading the providers" role="status" />}
              {lanes && (
                <ul className="grid gap-2" aria-label="Columns">
                  {lanes.map((lane, i) => (
                    <LaneEditor
                      key={lane.key}
                      lane={lane}
                      index={i}
                      providers={providers}
                      references={form.references.length}
                      canRemove={lanes.length > 2}
                      onChange={(change) => changeLane(lane.key, change)}
                      onRemove={() => setLanes((all) => all?.filter((l) => l.key !== lane.key) ?? all)}
                    />
                  ))}
                </ul>
              )}
              {lanes && lanes.length < maxLanes && (
                <button type="button" data-testid="lane-add" onClick={addLane} className={buttonClass("ghost", "sm", "justify-self-start")}>
                  <PlusIcon className="size-3.5" /> Add a column
                </button>
              )}
            </div>
          </div>

          {error && (
            <p id={ids.error} role="alert" data-testid="compare-form-error" className="mx-3 mb-2 flex items-center gap-2 text-sm text-danger sm:mx-5">
              <AlertIcon className="size-4 shrink-0" /> {error}
            </p>
          )}

          <div className="flex flex-wrap items-center justify-end gap-3 rounded-b-2xl border-t border-line bg-canvas/50 px-3 py-2.5 sm:px-5">
            <p data-testid="compare-estimate" className="text-xs text-muted" aria-live="polite">
              <span className="sr-only">Estimated cost: </span>
              {estimate > 0 ? (
                <>
                  <span className={`text-sm font-semibold tabular-nums ${overBudget ? "text-danger" : "text-fg"}`}>≈ {formatUsd(estimate)}</span> for{" "}
                  {lanes?.length ?? 0} columns{overBudget && <span className="text-danger"> · over today&apos;s budget</span>}
                </>
              ) : (
                <>
                  <span className="text-sm font-semibold text-success">Free</span> · {lanes?.length ?? 0} columns
                </>
              )}
            </p>
            <button type="submit" data-testid="compare-submit" disabled={!lanes} aria-keyshortcuts="Control+Enter Meta+Enter" className={buttonClass("primary", "md", "px-5")}>
              <SparklesIcon /> Compare
            </button>
          </div>
        </form>
      </section>

      {!run && !pair && (
        <div data-testid="compare-empty" className="rounded-2xl border-2 border-dashed border-line-strong px-6 py-12 text-center">
          <h2 className="font-semibold">Results appear here, one column per provider</h2>
          <p className="mx-auto mt-2 max-w-xl text-sm leading-6 text-muted">
            Write a prompt, pick two to four providers and models (or the same one with different seeds or styles), and press
            Compare. Each column shows its picture as soon as it is ready, how long it took and what it cost. To compare an
            edit with its original, open <code className="rounded bg-raised px-1 text-xs">/compare?image=&lt;id&gt;</code>.
          </p>
        </div>
      )}

      {run && (
        <section aria-labelledby="results-title" data-testid="compare-results">
          <h2 id="results-title" className="mb-3 truncate text-sm text-muted">
            <span className="font-semibold text-fg">Results</span> for “{run.prompt}”
          </h2>
          <div
            className="grid snap-x gap-3 max-sm:-mx-4 max-sm:px-4 max-sm:overflow-x-auto max-sm:pb-2 max-sm:[grid-auto-flow:column] max-sm:[grid-auto-columns:var(--col)] sm:[grid-template-columns:repeat(var(--cols),minmax(0,1fr))]"
            style={{ "--cols": run.columns.length, "--col": run.columns.length > 2 ? "72%" : "calc(50% - 0.375rem)" } as React.CSSProperties}
          >
            {run.columns.map((column) => (
              <CompareColumn
                key={`${run.id}-${column.letter}`}
                letter={column.letter}
                request={column.request}
                modelLabel={column.modelLabel}
                ratio={run.ratio}
                marks={marks[column.letter] ?? []}
                onResult={(result) => onResult(column.letter, result)}
              />
            ))}
          </div>
        </section>
      )}

      {run && withImages.length >= 2 && <ResultSlider key={run.id} columns={withImages} results={results} />}
    </main>
  );
}
