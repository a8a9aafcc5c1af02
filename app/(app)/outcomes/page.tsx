import { redirect } from "next/navigation";

/** 成效与调研 opens on the zero-crime tab. */
export default function OutcomesPage() {
  redirect("/outcomes/zero-crime");
}
