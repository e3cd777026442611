import { publicRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

// Any other /api path: the API's 404, in the API's error shape (not an HTML page).
const notFound = publicRoute<{ path: string[] }>(async ({ req }) => {
  throw new AppError("not_found", `No route ${req.method} ${new URL(req.url).pathname}`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
