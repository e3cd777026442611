import { describe, expect, it } from "vitest";
import { issueSentence, validationText } from "./validation-text";

// The issues as lib/api/error-response.ts sends them: {path, message, code} and the code's facts.
describe("a validation issue in words, from its code", () => {
  it("too_big on a string with its maximum: too long, with the limit grouped", () => {
    expect(issueSentence({ path: ["negativePrompt"], message: "whatever the schema says", code: "too_big", origin: "string", maximum: 4000 })).toBe(
      "The negative prompt is too long: at most 4,000 characters.",
    );
    // A number over its maximum is not "too long": the schema's sentence, with the field named.
    expect(issueSentence({ path: ["n"], message: "n must be 1–10", code: "too_big", origin: "number", maximum: 10 })).toBe("The number of images must be 1–10.");
  });

  it("too_small with minimum 1 on a text field: empty", () => {
    expect(issueSentence({ path: ["prompt"], message: "x", code: "too_small", origin: "string", minimum: 1 })).toBe(
      "Describe the image you want first — a few words are enough.",
    );
    expect(issueSentence({ path: ["negativePrompt"], message: "x", code: "too_small", origin: "string", minimum: 1 })).toBe("The negative prompt is empty.");
    // Another minimum, or another field, keeps the schema's sentence.
    expect(issueSentence({ path: ["prompt"], message: "prompt must be at least 3 characters", code: "too_small", origin: "string", minimum: 3 })).toBe(
      "The prompt must be at least 3 characters.",
    );
    expect(issueSentence({ path: ["width"], message: "width must be at least 64", code: "too_small", origin: "number", minimum: 1 })).toBe("The width must be at least 64.");
  });

  it("invalid_type without an input on a text field: required", () => {
    expect(issueSentence({ path: ["prompt"], message: "prompt is required", code: "invalid_type", expected: "string" })).toBe(
      "Describe the image you want first — a few words are enough.",
    );
    expect(issueSentence({ path: ["negativePrompt"], message: "x", code: "invalid_type", expected: "string" })).toBe("The negative prompt is empty.");
    expect(issueSentence({ path: ["prompt"], message: "prompt is required", code: "invalid_type", expected: "string", input: 5 })).toBe("The prompt is required.");
    expect(issueSentence({ path: ["seed"], message: "seed must be a whole number", code: "invalid_type", expected: "number" })).toBe("The seed must be a whole number.");
  });

  it("unrecognized_keys: the keys from the issue, not from its message", () => {
    expect(issueSentence({ path: [], message: "Unrecognized keys", code: "unrecognized_keys", keys: ["colour", "mood"] })).toBe(
      "This server does not know the settings colour, mood.",
    );
    expect(issueSentence({ path: [], message: 'Unrecognized key: "colour"', code: "unrecognized_keys" })).toBe("The request has a setting this server does not know.");
  });

  it("the wording does not decide: an 'is required' message with another code is the schema's sentence", () => {
    expect(issueSentence({ path: ["prompt"], message: "prompt must not be empty", code: "custom" })).toBe("The prompt must not be empty.");
    expect(issueSentence({ path: ["prompt"], message: "prompt must be at most 4000 characters" })).toBe("The prompt must be at most 4,000 characters.");
  });

  it("an issue without a field: its message as a sentence", () => {
    expect(issueSentence({ path: [], message: "choose a size or an aspect ratio", code: "custom" })).toBe("Choose a size or an aspect ratio.");
    expect(issueSentence({})).toBe("Something in the request is not valid.");
  });
});

describe("validationText", () => {
  it("words up to three distinct issues", () => {
    const empty = { path: ["prompt"], message: "x", code: "too_small", origin: "string", minimum: 1 };
    expect(validationText("Invalid request: prompt: x", [empty, empty, { path: ["seed"], message: "seed must be a whole number", code: "invalid_type" }])).toBe(
      "Describe the image you want first — a few words are enough. The seed must be a whole number.",
    );
  });

  it("without details, or with details that are not issues, shows the message as it is", () => {
    expect(validationText("Invalid request: prompt: prompt must not be empty", undefined)).toBe("Invalid request: prompt: prompt must not be empty");
    expect(validationText("Enter the server's base URL.", { field: "baseUrl" })).toBe("Enter the server's base URL.");
  });
});
