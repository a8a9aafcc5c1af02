"use server";
// Server actions of the 政策文件 screens: each runs one write of lib/server/outcomes/documents.ts (validate → permission → scope → audit).
// Uploads come through here: next.config.ts lets server action bodies reach 21 MB for files of up to 20 MiB.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, runFormAction, type FormState } from "@/lib/server/actions";
import { createDocument, updateDocument } from "@/lib/server/outcomes/documents";

/** The write's input: the text fields, the ticked units and (when uploading) the file. */
const toInput = (fd: FormData) => ({ ...formFields(fd), unitIds: fd.getAll("unitIds"), file: fd.get("file") ?? undefined });

/** After an error the ticked units stay ticked (the echoed values keep one value per name). */
const keepTicked = (state: FormState, fd: FormData): FormState =>
  state.values ? { ...state, values: { ...state.values, unitIds: fd.getAll("unitIds").join(",") } } : state;

export async function createDocumentAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const state = await runFormAction(createDocument, fd, {
    toInput,
    after: (d) => {
      revalidatePath("/outcomes/documents");
      redirect(`/outcomes/documents/${d.id}?created=1`);
    },
  });
  return keepTicked(state, fd);
}

export async function updateDocumentAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const state = await runFormAction(updateDocument, fd, {
    toInput,
    after: (d) => {
      revalidatePath("/outcomes/documents", "layout");
      redirect(`/outcomes/documents/${d.id}?saved=1`);
    },
  });
  return keepTicked(state, fd);
}
