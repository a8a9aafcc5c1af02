"use client";
import { Button } from "@/components/ui/button";

/** 打印: the browser's print dialog (the page hides its own controls on paper). */
export function PrintButton({ label = "打印" }: { label?: string }) {
  return (
    <Button type="button" className="no-print" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
