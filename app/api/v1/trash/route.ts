import { route } from "@/lib/api/route";
import { emptyTrash } from "@/lib/images";

// DELETE /api/v1/trash — empties the caller's trash: every image in it deleted for good → {purged: n}
export const DELETE = route(async ({ user }) => Response.json(await emptyTrash(user)));
