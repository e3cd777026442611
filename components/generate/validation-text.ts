/**
 * The API's validation details (`400 invalid_request`, `details: [{path, message, code}]`, the zod issues) as
 * sentences a person reads, instead of "Invalid request: prompt: prompt must be at most 4000 characters".
 */

export interface ValidationIssue {
  path?: Array<string | number>;
  message?: string;
  code?: string;
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

/** One issue as a sentence: "The prompt is too long: at most 4,000 characters." */
export function issueSentence(issue: ValidationIssue): string {
  const field = fieldOf(issue.path);
  const label = fieldLabels[field] ?? (field ? `“${field}”` : "");
  const message = groupDigits((issue.message ?? "").trim());
  const limit = /at most ([\d,]+) characters/i.exec(message)?.[1];
  if (label && limit) return `${label} is too long: at most ${limit} characters.`;
  if (label && /must not be empty|is required/i.test(message) && (field === "prompt" || field === "negativePrompt")) {
    return field === "prompt" ? "Describe the image you want first — a few words are enough." : `${label} is empty.`;
  }
  if (issue.code === "unrecognized_keys") {
    const keys = message.match(/"([^"]+)"/g)?.map((k) => k.replace(/"/g, "")) ?? [];
    return keys.length ? `This server does not know the setting${keys.length > 1 ? "s" : ""} ${keys.join(", ")}.` : "The request has a setting this server does not know.";
  }
  if (!label) return sentence(message || "Something in the request is not valid");
  // The schema's messages start with the field's own name ("seed must be a whole number"): say it in words.
  const lead = new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b\\s*`, "i");
  if (lead.test(message)) return sentence(`${label} ${message.replace(lead, "")}`);
  return sentence(message ? `${label}: ${message}` : `${label} is not valid`);
}

/** The API's validation message in words: from its details where it has them, else its message without the jargon. */
export function validationText(message: string, details: unknown): string {
  const issues = Array.isArray(details) ? (details as ValidationIssue[]).filter((d) => d && typeof d === "object") : [];
  const sentences = [...new Set(issues.map(issueSentence).filter(Boolean))];
  if (sentences.length) return sentences.slice(0, 3).join(" ");
  // "Invalid request: prompt: …" without details: the part after the prefixes.
  const bare = message.replace(/^invalid request:\s*/i, "");
  const withField = /^([A-Za-z]+):\s*(.*)$/.exec(bare);
  return withField ? issueSentence({ path: [withField[1]], message: withField[2] }) : sentence(bare);
}
