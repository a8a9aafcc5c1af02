"use client";
import { startTransition } from "react";
import { useRouter } from "next/navigation";
import { ErrorPanel } from "@/components/ui/error-panel";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // The page's data comes from the server: fetch it again, then re-render the segment.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return <ErrorPanel digest={error.digest} onRetry={retry} />;
}
