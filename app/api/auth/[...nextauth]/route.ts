// /api/auth/* — next-auth (credentials sign-in, sign-out, CSRF).
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth/options";

const handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => NextAuth(req, ctx, authOptions());
export { handler as GET, handler as POST };
