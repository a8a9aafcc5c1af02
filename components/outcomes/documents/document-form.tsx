"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage, TextInput, UnitSelect, type UnitOption } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { ACCEPTED_EXTENSIONS, ACCEPTED_TYPES_TEXT, MAX_FILE_BYTES, fileTooLarge } from "@/lib/schemas/document";
import { UnitChecklist, type Action } from "../fields";

type Values = Record<string, string | undefined>;

/**
 * Uploads a policy document with its facts, or (given `initial`) corrects the facts of
 * one (the file stays). A file over 20 MB is refused here before it is sent; its type is
 * judged on the server by content, and a refusal shows beside the file field.
 */
export function DocumentForm({
  action,
  owners,
  targets,
  topics,
  initial,
}: {
  action: Action;
  /** Given when uploading: who files it (its subtree reads it). */
  owners?: UnitOption[];
  targets: UnitOption[];
  topics: string[];
  initial?: Values & { id: string };
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const e: Values = state.fieldErrors ?? {};
  const v: Values = state.values ?? initial ?? { orgUnitId: owners?.[0]?.id };
  const k = (s: string) => `${s}${state.at ?? ""}`;
  const fileError = tooLarge ?? e.file;
  return (
    <form action={formAction} className="flex max-w-3xl flex-col gap-5" noValidate aria-label={initial ? "修改文件信息" : "上传政策文件"}>
      {initial && <input type="hidden" name="id" value={initial.id} />}
      {!initial && (
        <Field label="文件" name="file" error={fileError} hint={`${ACCEPTED_TYPES_TEXT}，不超过 20 MB；类型按文件内容检查`}>
          <input
            id="file"
            name="file"
            type="file"
            accept={ACCEPTED_EXTENSIONS.join(",")}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "file-error" : undefined}
            onChange={(ev) => {
              const f = ev.target.files?.[0];
              if (f && f.size > MAX_FILE_BYTES) {
                // Not worth sending 20 MB+ only to be refused: say so now, and let them pick another.
                setTooLarge(fileTooLarge(f.size));
                ev.target.value = "";
              } else setTooLarge(null);
            }}
            className="min-h-12 w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-base file:mr-3 file:min-h-10 file:rounded-md file:border-0 file:bg-gray-100 file:px-4 file:text-base aria-[invalid=true]:border-red-600"
          />
          {e.file && !tooLarge && <p className="text-sm text-gray-500">请重新选择文件（出错后需要重新选择）。</p>}
        </Field>
      )}
      <Field label="文件标题" name="title" error={e.title}>
        <TextInput name="title" placeholder="例如：关于加强“校站结合”保障措施的通知" defaultValue={v.title} key={k("title")} error={e.title} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="文号" name="docNumber" error={e.docNumber} hint="例如：清关工委〔2019〕4号；没有文号可不填">
          <TextInput name="docNumber" defaultValue={v.docNumber} key={k("number")} error={e.docNumber} />
        </Field>
        <Field label="发文日期" name="issuedOn" error={e.issuedOn}>
          <TextInput name="issuedOn" type="date" defaultValue={v.issuedOn} key={k("date")} error={e.issuedOn} />
        </Field>
      </div>
      <Field label="发文单位" name="issuers" error={e.issuers} hint="几家联合发文时用顿号分开，例如：区关工委、区教育局">
        <TextInput name="issuers" defaultValue={v.issuers} key={k("issuers")} error={e.issuers} />
      </Field>
      <Field label="主题" name="topic" error={e.topic} hint="例如：校站结合、校外辅导站">
        <TextInput name="topic" list="document-topics" defaultValue={v.topic} key={k("topic")} error={e.topic} autoComplete="off" />
      </Field>
      <datalist id="document-topics">
        {topics.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {owners && (
        <Field label="归档单位" name="orgUnitId" error={e.orgUnitId} hint="本单位及下级单位都能查看这份文件">
          <UnitSelect units={owners} value={v.orgUnitId} key={k("unit")} error={e.orgUnitId} />
        </Field>
      )}
      <UnitChecklist
        legend="涉及的单位"
        hint="可不选：文件专门涉及的单位"
        units={targets}
        checked={v.unitIds}
        error={e.unitIds}
        key={k("units")}
      />
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? (initial ? "正在保存…" : "正在上传…") : initial ? "保存修改" : "上传文件"}
        </Button>
      </div>
    </form>
  );
}
