// Guards the project's Markdown against what corrupted docs/deploy.md once (an edit that replaced the empty string
// with a paragraph, inserting it between every character: 40 KB became 24 MB): every tracked .md file must stay
// under a size limit and hold no paragraph twice. Run by `npm test` before the typecheck; exits 1 with the reasons.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const maxMarkdownBytes = 256 * 1024;
const minRepeatedChars = 160;
const minRepeatedLine = 90;

/** The problems of one Markdown text: too large, or a paragraph (or list item, or long line) that occurs twice. */
export function markdownProblems(text, bytes = Buffer.byteLength(text)) {
  const problems = [];
  if (bytes > maxMarkdownBytes) problems.push(`${(bytes / 1024).toFixed(0)} KB, over the ${maxMarkdownBytes / 1024} KB a document may have`);
  const seen = new Map();
  // Paragraphs and list items, outside code blocks (a code sample may repeat on purpose).
  const prose = text.replace(/```[\s\S]*?```/g, "");
  for (const block of prose.split(/\n\s*\n|\n(?=\s*[-*] |\s*\d+\. |#)/)) {
    const normalized = block.replace(/\s+/g, " ").trim();
    if (normalized.length < minRepeatedChars) continue;
    const count = (seen.get(normalized) ?? 0) + 1;
    seen.set(normalized, count);
    if (count === 2) problems.push(`a paragraph appears more than once: "${normalized.slice(0, 70)}…"`);
  }
  // A long line seen twice: a paragraph pasted in pieces, or glued to other text, still repeats its lines.
  const lines = new Map();
  for (const line of prose.split("\n")) {
    const normalized = line.replace(/\s+/g, " ").trim();
    if (normalized.length < minRepeatedLine) continue;
    lines.set(normalized, (lines.get(normalized) ?? 0) + 1);
  }
  const repeated = [...lines].filter(([, n]) => n > 1);
  if (repeated.length) problems.push(`${repeated.length} line(s) appear more than once, e.g. "${repeated[0][0].slice(0, 70)}…" (${repeated[0][1]} times)`);
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
  const files = execFileSync("git", ["ls-files", "*.md"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
  let failed = 0;
  for (const file of files) {
    const path = join(root, file);
    const bytes = statSync(path).size;
    // A huge file is reported by size without reading it all.
    const problems = bytes > maxMarkdownBytes * 8 ? markdownProblems("", bytes) : markdownProblems(readFileSync(path, "utf8"), bytes);
    for (const p of problems) console.error(`${file}: ${p}`);
    if (problems.length) failed++;
  }
  console.log(`${files.length} Markdown files checked, ${failed} with problems`);
  process.exit(failed ? 1 : 0);
}
