import { redirect } from "next/navigation";

/** 制度落实 opens on the meetings tab. */
export default function RulesPage() {
  redirect("/rules/meetings");
}
