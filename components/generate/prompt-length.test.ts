import { describe, expect, it } from "vitest";
import { promptLength, tooLongText } from "./prompt-length";

describe("the prompt's length counter", () => {
  it("shows nothing well within the limit, and the count from 80 % of it", () => {
    expect(promptLength("a".repeat(3199), 4000)).toBeNull();
    expect(promptLength("a".repeat(3200), 4000)).toMatchObject({ text: "3,200 / 4,000", over: 0, tone: "muted", description: "3,200 of 4,000 characters" });
  });

  it("warns near the limit and says how far over a prompt is", () => {
    expect(promptLength("a".repeat(3870), 4000)).toMatchObject({ text: "3,870 / 4,000", tone: "warning" });
    const over = promptLength("a".repeat(4012), 4000)!;
    expect(over).toMatchObject({ text: "4,012 / 4,000", over: 12, tone: "danger", description: "12 characters over the 4,000 limit" });
    expect(tooLongText("prompt", over, 4000)).toBe("The prompt is too long: at most 4,000 characters (12 over). Shorten it to generate.");
  });

  it("counts what the server counts (trimmed) against this instance's limit", () => {
    expect(promptLength(`  ${"a".repeat(79)}  `, 100)).toBeNull();
    expect(promptLength(`  ${"a".repeat(80)}\n`, 100)?.text).toBe("80 / 100");
    expect(promptLength("a".repeat(90_000), 100_000)?.text).toBe("90,000 / 100,000");
  });
});
