// GET /api/v1/documents?q=&topic=&issuer=&year=&page= — policy documents in scope (own subtree and units above), newest first, 20 a page.
import { apiRoute } from "@/lib/server/api";
import { documentJson, listDocuments, parseDocumentFilters } from "@/lib/server/outcomes/documents";

export const GET = apiRoute(async ({ actor, req }) => {
  const sp = req.nextUrl.searchParams;
  const get = (k: string) => sp.get(k) ?? undefined;
  const filters = parseDocumentFilters({ q: get("q"), topic: get("topic"), issuer: get("issuer"), year: get("year"), page: get("page") });
  const { items, total, page, pages } = await listDocuments(actor, filters);
  return { items: items.map(documentJson), total, page, pages };
});
