/**
 * `GET /api/v1/images/{id}/credentials` (docs/api.md "Content credentials"): the image's AI marking and the C2PA
 * manifest store its stored original carries, read and validated by the server, with the chain of manifests (each
 * ingredient's own) as a tree. The types are the server's own (type-only imports: nothing of the server is bundled).
 */
import type { CredentialsResponse } from "@/lib/images/credentials";
import { apiFetch } from "./client";

export type { CredentialsResponse } from "@/lib/images/credentials";
export type {
  ManifestActionView as ManifestAction,
  ManifestIngredientView as ManifestIngredient,
  ManifestSigner,
  ManifestView,
} from "@/lib/provenance/manifest-view";

export const credentialsUrl = (imageId: string) => `/api/v1/images/${encodeURIComponent(imageId)}/credentials`;

export function fetchCredentials(imageId: string, signal?: AbortSignal): Promise<CredentialsResponse> {
  return apiFetch<CredentialsResponse>(credentialsUrl(imageId), { signal });
}
