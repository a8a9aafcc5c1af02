import { Skeleton } from "@/components/ui/page";

export default function Loading() {
  return <Skeleton rows={6} />;
}
