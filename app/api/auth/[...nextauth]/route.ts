// /api/auth/* — next-auth (credentials sign-in, sign-out, CSRF).
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth/options";

// Options per request: the session cookie is `__Secure-` named on https requests (lib/server/auth/cookie.ts).
const handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => NextAuth(req, ctx, authOptions(req.headers));
export { handler as GET, handler as POST };
