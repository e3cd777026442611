import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without types
import { markdownProblems } from "./check-docs.mjs";

const paragraph =
  "- **Workers, short jobs** (the local renderer, image work): a poller that ran a job asks the queue again at once\n  (only an empty queue waits pg-boss's 1 s polling interval), so one worker uses every core of its machine.\n";

describe("check-docs", () => {
  it("passes a normal document", () => {
    expect(markdownProblems(`# Title\n\n${paragraph}\nSomething else entirely, long enough to count as a paragraph of its own for the check, and then some more words.\n`)).toEqual([]);
  });
  it("finds a paragraph inserted between every character (replace of the empty string), and a repeated one", () => {
    const original = "# Deploying\n\nSome text about deploying.\n";
    const corrupted = original.split("").join(paragraph);
    expect(markdownProblems(corrupted).join("\n")).toMatch(/appear more than once/);
    expect(markdownProblems(`${paragraph}\n${paragraph}`).join("\n")).toMatch(/a paragraph appears more than once/);
  });
  it("finds a document over the size limit", () => {
    expect(markdownProblems("x", 300 * 1024)[0]).toMatch(/over the 256 KB/);
  });
  it("lets a code sample repeat", () => {
    const code = "```sh\n" + "npm run worker -- --with a long list of options that repeats in two sections of the same page on purpose\n".repeat(2) + "```\n";
    expect(markdownProblems(`${code}\ntext\n\n${code}`)).toEqual([]);
  });
});
