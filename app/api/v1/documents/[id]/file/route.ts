// GET /api/v1/documents/<id>/file — the document's file as an attachment (404 outside scope), for the web page's download link and scripts.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/server/api";
import { documentFile } from "@/lib/server/outcomes/documents";
import { contentDisposition } from "@/lib/server/outcomes/file-type";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const f = await documentFile(actor, params.id);
  return new NextResponse(f.content, {
    headers: {
      // The type checked by content at upload, never the one the uploader's browser claimed.
      "Content-Type": f.mimeType,
      "Content-Length": String(f.content.byteLength),
      "Content-Disposition": contentDisposition(f.fileName),
      "X-Content-Type-Options": "nosniff",
      // Even if opened in place, a stored file runs nothing.
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
      ...(f.sha256 ? { ETag: `"${f.sha256}"` } : {}),
    },
  });
});
