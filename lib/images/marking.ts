import "server-only";
import { parseDigitalSourceType, type DigitalSourceType } from "@/lib/provenance/source-type";
import { findMarkingRow } from "./repositories/lineage";

interface MarkedRow {
  kind: string;
  digitalSourceType: string | null;
  parents: Array<{ parentId: string; role: string }>;
}

/**
 * The AI marking of an image's pixels: its own `digitalSourceType` column; for a processed image whose column is
 * null (a row made before the column existed and missed by the backfill) the nearest ancestor's along its sources,
 * since processing inherits the type. Any other image with no type declares none (a plain upload).
 */
export async function markingOf(ownerId: string, image: MarkedRow): Promise<DigitalSourceType | null> {
  let row: MarkedRow | null = image;
  for (let depth = 0; row && depth < 100; depth++) {
    const own = parseDigitalSourceType(row.digitalSourceType);
    if (own || row.kind !== "processed") return own;
    const source: MarkedRow["parents"][number] | undefined = row.parents.find((p) => p.role === "source") ?? row.parents.find((p) => p.role !== "mask");
    if (!source) return null;
    row = await findMarkingRow(ownerId, source.parentId);
  }
  return null;
}
