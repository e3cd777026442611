"use client";

import { useId, useState } from "react";
import { formatUsd, updatePerson, type AdminUser } from "@/components/api/account";
import { messageOf } from "@/components/api/client";
import { formatDate } from "@/components/api/format";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import { UserIcon } from "./icons";

export interface LimitDefaults {
  dailyBudgetUsd: number;
  rateLimitPerMinute: number;
}

/** An input's text as a limit: "" is the default (null); otherwise a number, or a sentence saying what is wrong. */
function parseLimit(text: string, kind: "budget" | "rate"): { value: number | null } | { problem: string } {
  const t = text.trim();
  if (!t) return { value: null };
  const n = Number(t.replace(/^\$/, ""));
  if (kind === "budget") {
    if (!Number.isFinite(n) || n < 0 || n > 100_000) return { problem: "The daily budget must be between 0 and 100000 dollars." };
    return { value: n };
  }
  if (!Number.isInteger(n) || n < 1 || n > 100_000) return { problem: "The rate limit must be a whole number between 1 and 100000." };
  return { value: n };
}

/** A table cell; on small screens a labelled field of the person's card (the label comes from data-label). */
const cell =
  "py-3 pr-3 max-md:p-0 max-md:before:mb-1 max-md:before:block max-md:before:text-xs max-md:before:text-muted max-md:before:content-[attr(data-label)]";

const shown = (v: number | null) => (v === null ? "" : String(v));

/** "People" (administrators): everyone, with their daily budget and rate limit editable in place (empty = default). */
export function PeopleSection({
  initialPeople,
  defaults,
  currentUserId,
  onChanged,
}: {
  initialPeople: AdminUser[];
  defaults: LimitDefaults;
  currentUserId: string;
  onChanged?: (user: AdminUser) => void;
}) {
  const titleId = useId();
  const [people, setPeople] = useState(initialPeople);

  return (
    <section aria-labelledby={titleId} data-testid="people-section" className={`${cardClass} p-4 sm:p-6`}>
      <div className="flex items-start gap-3">
        <span className="grid size-9 shrink-0 place-items-center rounded-lg bg-accent-soft text-accent" aria-hidden="true">
          <UserIcon />
        </span>
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            People
          </h2>
          <p className="mt-0.5 text-sm leading-6 text-muted">
            Everyone with an account, and their limits. Leave a field empty for this studio&apos;s default ({formatUsd(defaults.dailyBudgetUsd)} a day,{" "}
            {defaults.rateLimitPerMinute} a minute). Enter saves a row, Escape undoes its changes.
          </p>
        </div>
      </div>
      {/* A table from md up; below, each person is a small card (same elements, laid out as a grid). */}
      <div className="mt-5">
        <table data-testid="people-table" className="w-full border-collapse text-sm max-md:block">
          <caption className="sr-only">People and their limits</caption>
          <thead className="max-md:sr-only">
            <tr className="border-b border-line text-left text-xs text-muted">
              <th scope="col" className="py-2 pr-3 font-medium">Person</th>
              <th scope="col" className="py-2 pr-3 font-medium">Role</th>
              <th scope="col" className="py-2 pr-3 font-medium">Daily budget (USD)</th>
              <th scope="col" className="py-2 pr-3 font-medium">Rate limit (per minute)</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="max-md:flex max-md:flex-col max-md:gap-2">
            {people.map((person) => (
              <PersonRow
                key={person.id}
                person={person}
                defaults={defaults}
                isYou={person.id === currentUserId}
                onSaved={(saved) => {
                  setPeople((all) => all.map((p) => (p.id === saved.id ? saved : p)));
                  onChanged?.(saved);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PersonRow({ person, defaults, isYou, onSaved }: { person: AdminUser; defaults: LimitDefaults; isYou: boolean; onSaved: (user: AdminUser) => void }) {
  const ids = { budget: useId(), rate: useId(), error: useId() };
  const notify = useToast();
  const [budget, setBudget] = useState(shown(person.dailyBudgetUsd));
  const [rate, setRate] = useState(shown(person.rateLimitPerMinute));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dirty = budget.trim() !== shown(person.dailyBudgetUsd) || rate.trim() !== shown(person.rateLimitPerMinute);
  const who = person.name || person.email || person.id;

  const reset = () => {
    setBudget(shown(person.dailyBudgetUsd));
    setRate(shown(person.rateLimitPerMinute));
    setError(null);
  };

  const save = async () => {
    if (!dirty || busy) return;
    const b = parseLimit(budget, "budget");
    const r = parseLimit(rate, "rate");
    if ("problem" in b || "problem" in r) {
      setError("problem" in b ? b.problem : (r as { problem: string }).problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await updatePerson(person.id, { dailyBudgetUsd: b.value, rateLimitPerMinute: r.value });
      setBudget(shown(saved.dailyBudgetUsd));
      setRate(shown(saved.rateLimitPerMinute));
      onSaved(saved);
      notify(`Limits saved for ${saved.name || saved.email || saved.id}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void save();
    } else if (event.key === "Escape" && dirty) {
      event.preventDefault();
      reset();
    }
  };

  return (
    <tr
      data-testid="person-row"
      data-user-id={person.id}
      className="border-b border-line align-top last:border-0 max-md:grid max-md:grid-cols-2 max-md:gap-x-3 max-md:gap-y-3 max-md:rounded-xl max-md:border max-md:p-3 max-md:last:border"
    >
      <th scope="row" className="py-3 pr-3 text-left font-normal max-md:col-start-1 max-md:row-start-1 max-md:p-0">
        <span className="block max-w-[16rem] truncate font-medium">
          {person.name || person.email || person.id}
          {isYou && <span className="ml-1.5 text-xs font-normal text-muted">(you)</span>}
        </span>
        {person.email && person.name && <span className="block max-w-[16rem] truncate text-xs text-muted">{person.email}</span>}
        <span className="block text-xs text-subtle">Since {formatDate(person.createdAt)}</span>
      </th>
      <td className="py-3 pr-3 max-md:col-start-2 max-md:row-start-1 max-md:p-0 max-md:text-right">
        <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${person.role === "admin" ? "bg-accent-soft text-accent" : "bg-raised text-muted"}`}>
          {person.role === "admin" ? "Administrator" : "User"}
        </span>
      </td>
      <td className={cell} data-label="Daily budget (USD)">
        <label htmlFor={ids.budget} className="sr-only">
          Daily budget of {who} in US dollars
        </label>
        <input
          id={ids.budget}
          data-testid="person-budget"
          inputMode="decimal"
          value={budget}
          placeholder={`Default ${defaults.dailyBudgetUsd}`}
          onChange={(e) => setBudget(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
          className={`${inputClass} h-9 w-32 tabular-nums max-md:w-full`}
        />
        <span className="mt-1 block text-xs text-subtle tabular-nums">Now {formatUsd(person.limits.dailyBudgetUsd)}</span>
      </td>
      <td className={cell} data-label="Rate limit (per minute)">
        <label htmlFor={ids.rate} className="sr-only">
          Rate limit of {who} in generations per minute
        </label>
        <input
          id={ids.rate}
          data-testid="person-rate"
          inputMode="numeric"
          value={rate}
          placeholder={`Default ${defaults.rateLimitPerMinute}`}
          onChange={(e) => setRate(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
          className={`${inputClass} h-9 w-32 tabular-nums max-md:w-full`}
        />
        <span className="mt-1 block text-xs text-subtle tabular-nums">Now {person.limits.rateLimitPerMinute} / min</span>
      </td>
      <td className="py-3 text-right max-md:col-span-2 max-md:p-0">
        <div className="flex justify-end gap-1.5">
          {dirty && (
            <button type="button" onClick={reset} disabled={busy} className={buttonClass("ghost", "sm")}>
              Undo
            </button>
          )}
          <button type="button" data-testid="person-save" onClick={save} disabled={!dirty || busy} aria-label={`Save limits of ${who}`} className={buttonClass("secondary", "sm")}>
            {busy && <Spinner className="size-3.5" />} Save
          </button>
        </div>
        {error && (
          <p id={ids.error} role="alert" data-testid="person-error" className="mt-1.5 max-w-[14rem] text-left text-xs text-danger">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
