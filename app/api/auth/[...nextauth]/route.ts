// Auth.js: sign-in (email + password, and GitHub / Google when configured), sign-out, session, CSRF token.
export { GET, POST } from "@/lib/auth/handlers";
