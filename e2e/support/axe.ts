/**
 * axe-core checks for the accessibility specs: WCAG 2.x A/AA and axe's best practices, plus
 * "label-content-name-mismatch" (experimental in axe, so off by default: an aria-label must contain the visible
 * text, or speech users cannot say what they see). Findings of every state a test visits are gathered and checked
 * at the end, so one failing run lists them all.
 */
import { writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import type { Result } from "axe-core";

/** The impacts the suite refuses. */
const refused = new Set(["critical", "serious"]);

export interface Finding {
  state: string;
  rule: string;
  impact: string;
  target: string;
  /** The element's opening, as axe quotes it. */
  html: string;
  summary: string;
}

export class AxeAudit {
  readonly findings: Finding[] = [];
  readonly states: string[] = [];

  constructor(private readonly testInfo: TestInfo) {}

  /**
   * Runs axe over the page as it is now and records its critical and serious findings under `state`. Waits for
   * transitions to end first (a fading popover would be measured half transparent). `within` (a CSS selector)
   * limits the run to what a state adds to a page already checked (a dialog, a tab's panel): much faster.
   */
  async check(page: Page, state: string, within?: string) {
    // Finite ones only: a spinner or a skeleton's shimmer never finishes.
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
    const started = Date.now();
    const builder = new AxeBuilder({ page });
    if (within) builder.include(within);
    const results = await builder
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
      .analyze();
    this.states.push(`${state}: ${Date.now() - started} ms`);
    for (const violation of results.violations) this.record(state, violation);
  }

  private record(state: string, violation: Result) {
    for (const node of violation.nodes) {
      const impact = node.impact ?? violation.impact ?? "unknown";
      if (!refused.has(impact)) continue;
      this.findings.push({
        state,
        rule: violation.id,
        impact,
        target: node.target.map(String).join(" "),
        html: node.html.slice(0, 200),
        summary: (node.failureSummary ?? violation.help).replace(/\s+/g, " ").trim(),
      });
    }
  }

  /** Counts per rule (what the reports quote). */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const f of this.findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    return counts;
  }

  /** Attaches every finding to the report and fails with a readable list when there is any. */
  async expectClean() {
    const report = this.testInfo.outputPath("axe-findings.json");
    writeFileSync(report, JSON.stringify({ states: this.states, counts: this.counts(), findings: this.findings }, null, 2));
    await this.testInfo.attach("axe-findings.json", { path: report, contentType: "application/json" });
    const list = this.findings.map((f) => `- [${f.impact}] ${f.rule} on ${f.state}\n    ${f.target}  ${f.html}\n    ${f.summary}`).join("\n");
    expect(this.findings, `${this.findings.length} critical/serious axe findings (${JSON.stringify(this.counts())}):\n${list}`).toEqual([]);
  }
}
