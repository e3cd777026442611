// What the studio asks a provider's text model for describe and enhance, and how its answer is read: plain prompt
// text only (no preamble, no quotes, no lists), at most MAX_TEXT_LENGTH characters. Shared by the OpenAI (Responses
// API), Gemini (generateContent) and OpenAI-compatible (chat completions) adapters.
import { styleText, type StylePreset } from "./styles";

export const MAX_TEXT_LENGTH = 1000;

export const DESCRIBE_INSTRUCTIONS =
  "You write prompts for image generation models. Look at the picture and write one prompt that would make a picture " +
  "like it: the subject, the setting, the composition and camera angle, the lighting, the colours, the medium or style, " +
  "and notable details. Answer with the prompt text only: no preamble, no quotes, no lists, no markdown, at most 800 characters.";

export function enhanceInstructions(style?: StylePreset): string {
  const hint = style && style !== "none" ? ` The picture should be in this style: ${styleText[style]}.` : "";
  return (
    "You rewrite short prompts for image generation models into detailed ones. Keep the subject, the intent and every " +
    "element the user named; add composition, lighting, medium and fitting detail; add no text, signatures or watermarks " +
    `unless asked.${hint} Answer with the rewritten prompt only: no preamble, no quotes, no lists, no markdown, at most 900 characters.`
  );
}

/**
 * The prompt in a model's answer: a leading "Prompt:" / "Description:" / "Here is …:" line, markdown, surrounding
 * quotes and extra whitespace removed; cut at a word boundary to `maxLength` (MAX_TEXT_LENGTH; the describe and
 * enhance routes pass the instance's MAX_PROMPT_LENGTH when it is shorter). Empty when nothing usable is left.
 */
export function cleanPromptText(text: string, maxLength = MAX_TEXT_LENGTH): string {
  let t = text.replace(/\r/g, "").trim();
  t = t.replace(/^```[a-z]*\n?|```$/gi, "").replace(/[*_]{2,}/g, "").trim();
  // A preamble line ending with a colon ("Here is a detailed prompt:") followed by the prompt.
  t = t.replace(/^(?:here(?:'s| is)[^\n:]*|sure[^\n:]*|(?:enhanced |rewritten |image )?prompt|description)\s*:\s*\n?/i, "").trim();
  t = t.replace(/^[#>\-\s]+/, "");
  t = t.replace(/\s+/g, " ").trim();
  const quotes: Array<[string, string]> = [['"', '"'], ["“", "”"], ["'", "'"], ["«", "»"]];
  for (const [open, close] of quotes) if (t.length > 1 && t.startsWith(open) && t.endsWith(close)) t = t.slice(1, -1).trim();
  if (t.length > maxLength) {
    const cut = t.slice(0, maxLength);
    const space = cut.lastIndexOf(" ");
    t = (space > maxLength * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:\s]+$/, "");
  }
  return t;
}
