import type { ReactNode } from "react";

// The download of a document's file: a plain link (not next/link: no prefetch, the answer is a file).
export const documentFileHref = (id: string) => `/api/v1/documents/${id}/file`;

export function DownloadLink({ id, children, primary = false }: { id: string; children: ReactNode; primary?: boolean }) {
  const look = primary ? "bg-accent px-5 font-medium text-white hover:bg-accent-dark" : "border border-gray-300 bg-white px-4 text-accent hover:bg-gray-50";
  return (
    <a href={documentFileHref(id)} download className={`inline-flex min-h-12 items-center whitespace-nowrap rounded-md text-base ${look}`}>
      {children}
    </a>
  );
}
