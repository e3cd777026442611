/**
 * The API's validation details (`400 invalid_request`, `details: [{path, message, code, …the issue's facts}]`, the zod issues) as
 * sentences a person reads, instead of "Invalid request: prompt: prompt must be at most 4000 characters".
 */

/** A zod issue as lib/api/error-response.ts sends it: its code and the facts that code carries. */
export interface ValidationIssue {
  path?: Array<string | number>;
  message?: string;
  code?: string;
  /** too_small / too_big: what was measured ("string", "number", "array"…) and the limit. */
  origin?: string;
  minimum?: number;
  maximum?: number;
  /** unrecognized_keys: the keys the schema does not know. */
  keys?: unknown[];
  /** invalid_type: the type wanted. */
  expected?: string;
  /** Only when a parse reported it; the API leaves it out. */
  input?: unknown;
}

/** What each field of a generation request is called on screen. */
const fieldLabels: Record<string, string> = {
  prompt: "The prompt",
  negativePrompt: "The negative prompt",
  n: "The number of images",
  seed: "The seed",
  width: "The width",
  height: "The height",
  aspectRatio: "The aspect ratio",
  resolution: "The size",
  quality: "The quality",
  style: "The style",
  provider: "The provider",
  model: "The model",
  outputFormat: "The file format",
  outputCompression: "The compression",
  background: "The background",
  imageType: "The image type",
  palette: "The palette",
  paletteId: "The palette",
  collectionId: "The collection",
  webhookUrl: "The webhook address",
  strength: "The strength",
  maskImageId: "The mask",
};

const fieldOf = (path: ValidationIssue["path"]) => (path ?? []).filter((p): p is string => typeof p === "string").at(0) ?? "";

/** "1,234" for numbers of four or more digits in a message ("4000 characters" reads "4,000 characters"). */
const groupDigits = (text: string) => text.replace(/\b\d{4,}\b/g, (n) => Number(n).toLocaleString("en-US"));

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const sentence = (text: string) => {
  const t = text.trim();
  return t ? capitalise(/[.!?]$/.test(t) ? t : `${t}.`) : "";
};

/** One issue as a sentence, from its code and facts: "The prompt is too long: at most 4,000 characters." */
export function issueSentence(issue: ValidationIssue): string {
  const field = fieldOf(issue.path);
  const label = fieldLabels[field] ?? (field ? `“${field}”` : "");
  const message = groupDigits((issue.message ?? "").trim());
  const text = field === "prompt" || field === "negativePrompt";
  switch (issue.code) {
    case "too_big":
      if (label && issue.origin === "string" && typeof issue.maximum === "number") {
        return `${label} is too long: at most ${groupDigits(String(issue.maximum))} characters.`;
      }
      break;
    case "too_small":
      // An empty text: what the schema's min(1) says of a prompt.
      if (text && issue.origin === "string" && issue.minimum === 1) return emptyText(field, label);
      break;
    case "invalid_type":
      // The details carry no input (zod leaves it out): the browser always sends its text fields as strings, so a
      // wrong type there is a missing one.
      if (text && issue.input === undefined) return emptyText(field, label);
      break;
    case "unrecognized_keys": {
      const keys = (issue.keys ?? []).filter((k): k is string => typeof k === "string");
      return keys.length ? `This server does not know the setting${keys.length > 1 ? "s" : ""} ${keys.join(", ")}.` : "The request has a setting this server does not know.";
    }
  }
  if (!label) return sentence(message || "Something in the request is not valid");
  // The schema's messages start with the field's own name ("seed must be a whole number"): say it in words.
  const lead = new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b\\s*`, "i");
  if (lead.test(message)) return sentence(`${label} ${message.replace(lead, "")}`);
  return sentence(message ? `${label}: ${message}` : `${label} is not valid`);
}

const emptyText = (field: string, label: string) =>
  field === "prompt" ? "Describe the image you want first — a few words are enough." : `${label} is empty.`;

/** The API's validation details in words; without details (not a schema's error) its message, shown as it is. */
export function validationText(message: string, details: unknown): string {
  const issues = Array.isArray(details) ? (details as ValidationIssue[]).filter((d) => d && typeof d === "object") : [];
  const sentences = [...new Set(issues.map(issueSentence).filter(Boolean))];
  if (sentences.length) return sentences.slice(0, 3).join(" ");
  return message;
}
