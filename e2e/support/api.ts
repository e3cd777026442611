// Pictures made through the API for specs whose subject is the page, not the request.
import { expect, type APIRequestContext } from "@playwright/test";
import type { JobDto } from "@/lib/images/dto-types";

/** One local-renderer image generated through the API and waited for (`Prefer: wait`); answers the finished job. */
export async function generateByApi(request: APIRequestContext, prompt: string): Promise<JobDto> {
  const response = await request.post("/api/v1/generations", { data: { prompt, provider: "local", n: 1 }, headers: { Prefer: "wait" } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as JobDto;
}
