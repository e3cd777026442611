/**
 * `GET /api/v1/images/{id}/credentials` (API.md "Content credentials"): the image's AI marking and the C2PA
 * manifest store its stored original carries, read and validated by the server, with the chain of manifests
 * (each ingredient's own) as a tree. The browser's copy of the contract; the server answers exactly this shape.
 */
import type { DigitalSourceType } from "@/lib/provenance/source-type";
import { apiFetch } from "./client";

export interface CredentialsFailure {
  code: string;
  explanation?: string;
}

export interface CredentialsValidation {
  state: "valid" | "invalid" | "trusted";
  failures: CredentialsFailure[];
  /** Who signed it and what that is worth, in words ("Signed by this studio's own certificate (self-signed; …)"). */
  note: string;
}

export interface ManifestSigner {
  issuer: string | null;
  commonName: string | null;
  /** ISO time of the signature (a time stamp when there is one). */
  time: string | null;
  alg: string | null;
  /** Signed by this studio's own identity. */
  thisStudio: boolean;
}

export interface ManifestAction {
  /** "c2pa.created", "c2pa.cropped", … */
  action: string;
  /** In words: "Created", "Cropped", "Re-encoded". */
  label: string;
  digitalSourceType: DigitalSourceType | null;
  softwareAgent: string | null;
  description: string | null;
}

export interface ManifestIngredient {
  title: string | null;
  /** "parentOf" | "componentOf" | "inputTo". */
  relationship: string;
  label: string | null;
  /** The ingredient's own manifest (the chain), null when it carries none. */
  manifest: ManifestView | null;
  valid: boolean | null;
}

export interface ManifestView {
  label: string;
  title: string | null;
  claimGenerator: string | null;
  signer: ManifestSigner;
  actions: ManifestAction[];
  ingredients: ManifestIngredient[];
}

export interface CredentialsResponse {
  imageId: string;
  digitalSourceType: DigitalSourceType | null;
  /** The stored original carries a manifest store. */
  present: boolean;
  validation: CredentialsValidation | null;
  active: ManifestView | null;
  /** The manifest store as c2pa-rs reports it, untouched. */
  manifestStore: object | null;
}

export const credentialsUrl = (imageId: string) => `/api/v1/images/${encodeURIComponent(imageId)}/credentials`;

export function fetchCredentials(imageId: string, signal?: AbortSignal): Promise<CredentialsResponse> {
  return apiFetch<CredentialsResponse>(credentialsUrl(imageId), { signal });
}
