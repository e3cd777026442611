import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { StudioImage } from "@/components/api/types";
import { studioImage } from "@/components/generate/test-fixtures";
import { ImageDetails } from "./image-details";

const image = (params: unknown): StudioImage => studioImage({ model: "gpt-image-2.5-flare", params, createdAt: "2026-12-01T00:00:00.000Z" });

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("the image page's provenance", () => {
  it("says which model was requested and which served when the requested one was retired", () => {
    const migration = { provider: "openai", requested: "gpt-image-1", served: "gpt-image-2.5-flare", reason: "retired", retiredOn: "2026-10-23" };
    const html = renderToStaticMarkup(createElement(ImageDetails, { image: image({ modelMigration: migration }) }));
    expect(html).toContain('data-testid="image-model-migration"');
    expect(text(html)).toContain("Requested gpt-image-1 · served by gpt-image-2.5-flare — gpt-image-1 was retired on Oct 23, 2026");
  });

  it("says nothing of a change when there was none", () => {
    const html = renderToStaticMarkup(createElement(ImageDetails, { image: image({ quality: "high" }) }));
    expect(html).not.toContain("image-model-migration");
    expect(html).toContain('data-testid="image-model"');
  });
});
