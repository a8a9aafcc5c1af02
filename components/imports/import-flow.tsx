"use client";
/**
 * Upload → check (dry run) → report → confirm → done, for one import kind. The file goes
 * to POST /api/v1/imports/<kind> as the raw body with XMLHttpRequest, so the upload shows
 * its progress; while the server checks, an indeterminate bar. Confirming sends the same
 * File again without dryRun: the server checks it once more inside the transaction.
 */
import Link from "next/link";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

interface RowError {
  row: number;
  column?: string;
  message: string;
}
interface Report {
  kind: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  /** Accounts import only: the generated passwords, sent once. */
  passwords?: { username: string; displayName: string; password: string }[];
}

type State =
  | { step: "idle" }
  | { step: "sending"; file: File; apply: boolean; progress: number }
  | { step: "checked"; file: File; report: Report }
  | { step: "done"; report: Report }
  | { step: "failed"; file?: File; message: string };

/** Shown on the page; the full list is in the downloadable error report. */
const SHOWN_ERRORS = 300;

function send(kind: string, file: File, apply: boolean, onProgress: (p: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ fileName: file.name, ...(apply ? {} : { dryRun: "1" }) });
    xhr.open("POST", `/api/v1/imports/${kind}?${query}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    // The API accepts a cookie-carried upload only with this header (UPLOAD_HEADER in
    // lib/server/api.ts): the body is a file, not JSON, and a cross-site page cannot add it.
    xhr.setRequestHeader("x-qingmiao-upload", "1");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: handled by the status below */
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });
}

function Counts({ report }: { report: Report }) {
  const item = (label: string, n: number, testId: string) => (
    <div className="rounded-md bg-gray-50 px-3 py-3 sm:px-4" data-testid={testId}>
      <div className="text-sm text-gray-600">{label}</div>
      <div className="break-all text-xl font-semibold text-gray-900 sm:text-2xl">{n.toLocaleString("zh-CN")} 条</div>
    </div>
  );
  return (
    <div className="grid grid-cols-3 gap-2 sm:max-w-lg">
      {item("新增", report.created, "count-created")}
      {item("更新", report.updated, "count-updated")}
      {item("无变化", report.unchanged, "count-unchanged")}
    </div>
  );
}

function ErrorList({ errors }: { errors: RowError[] }) {
  const shown = errors.slice(0, SHOWN_ERRORS);
  return (
    <div>
      <ol className="divide-y divide-gray-100 rounded-lg border border-red-200 bg-white" data-testid="import-errors">
        {shown.map((e, i) => (
          // Inline text: reads as one sentence on a desktop and wraps naturally on a phone.
          <li key={i} className="break-words px-4 py-3 text-base" data-testid="import-error">
            <span className="font-semibold text-red-800">{e.row > 0 ? `第 ${e.row} 行` : "文件"}</span>
            {e.column && <span className="font-medium text-gray-700"> · {e.column}</span>}
            <span className="text-gray-900"> · {e.message}</span>
          </li>
        ))}
      </ol>
      {errors.length > shown.length && (
        <p className="mt-2 text-base text-gray-700">
          共 {errors.length} 处错误，这里只列出前 {SHOWN_ERRORS} 处；请下载错误报告查看全部。
        </p>
      )}
    </div>
  );
}

/** The new accounts' first passwords: shown once, and offered as a sheet (CSV, opens in Excel) to hand out. */
function IssuedPasswords({ passwords }: { passwords: NonNullable<Report["passwords"]> }) {
  function download() {
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const lines = [["用户名", "姓名", "初始密码"], ...passwords.map((p) => [p.username, p.displayName, p.password])].map((r) => r.map(quote).join(","));
    // The BOM makes Excel read the file as UTF-8.
    const url = URL.createObjectURL(new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "初始密码.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <div className="flex flex-col gap-3">
      <p className="rounded-md bg-amber-50 px-4 py-3 text-base text-amber-900" role="alert">
        初始密码只显示这一次：请现在下载或抄下，分别交给本人。本人首次登录时须改为自己的密码。
      </p>
      <div className="overflow-x-auto rounded-lg border border-gray-200">
        <table className="w-full text-left text-base" data-testid="issued-passwords">
          <thead className="bg-gray-50 text-gray-600">
            <tr>
              <th className="px-4 py-2 font-medium">用户名</th>
              <th className="px-4 py-2 font-medium">姓名</th>
              <th className="px-4 py-2 font-medium">初始密码</th>
            </tr>
          </thead>
          <tbody>
            {passwords.map((p) => (
              <tr key={p.username} className="border-t border-gray-100">
                <td className="px-4 py-2">{p.username}</td>
                <td className="px-4 py-2">{p.displayName}</td>
                <td className="px-4 py-2 font-mono">{p.password}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <Button type="button" onClick={download}>
          下载初始密码表
        </Button>
      </div>
    </div>
  );
}

export function ImportFlow({ kind, title, listHref, listLabel }: { kind: string; title: string; listHref: string; listLabel: string }) {
  const [state, setState] = useState<State>({ step: "idle" });
  const [downloading, setDownloading] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function run(file: File, apply: boolean) {
    setState({ step: "sending", file, apply, progress: 0 });
    try {
      const { status, body } = await send(kind, file, apply, (progress) => setState({ step: "sending", file, apply, progress }));
      const b = body as (Partial<Report> & { error?: string; message?: string }) | null;
      if (status === 200 && b && Array.isArray(b.errors)) {
        setState(apply ? { step: "done", report: b as Report } : { step: "checked", file, report: b as Report });
      } else if (status === 400 && b && Array.isArray(b.errors) && b.rows === 0) {
        setState({ step: "failed", file, message: b.errors[0]?.message ?? b.message ?? "文件无法读取" });
      } else if (status === 400 && b && Array.isArray(b.errors)) {
        // Applying found errors (the data changed since the check): show them, nothing was written.
        setState({ step: "checked", file, report: { kind, rows: b.rows ?? 0, created: 0, updated: 0, unchanged: 0, errors: b.errors } });
      } else if (status === 401) {
        setState({ step: "failed", message: "登录已过期，请刷新页面重新登录后再上传" });
      } else {
        setState({ step: "failed", file, message: b?.message ?? `上传失败（${status}），请稍后再试` });
      }
    } catch {
      setState({ step: "failed", file, message: "网络中断，文件没有上传成功，请检查网络后重试" });
    }
  }

  function chosen(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) void run(file, false);
  }

  function again() {
    if (input.current) input.current.value = "";
    setState({ step: "idle" });
    input.current?.click();
  }

  async function downloadReport(file: File) {
    setDownloading(true);
    try {
      const res = await fetch(`/api/v1/imports/${kind}/errors?${new URLSearchParams({ fileName: file.name })}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream", "x-qingmiao-upload": "1" }, // see run() above
        body: file,
      });
      if (!res.ok) throw new Error(String(res.status));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = `${title}-错误报告.xlsx`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      alert("错误报告下载失败，请稍后再试");
    } finally {
      setDownloading(false);
    }
  }

  const picker = (
    <label className="flex flex-col gap-2 text-base">
      <span className="font-medium text-gray-900">选择填好的{title}表格（.xlsx、.xls 或 .csv，最大 20 MB）</span>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
        onChange={chosen}
        disabled={state.step === "sending"}
        data-testid="import-file"
        className="block w-full max-w-lg rounded-md border border-gray-300 bg-white p-3 text-base file:mr-3 file:min-h-11 file:rounded-md file:border-0 file:bg-accent file:px-4 file:text-white"
      />
    </label>
  );

  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5" aria-live="polite">
      <div className={state.step === "idle" || state.step === "failed" ? "" : "hidden"}>{picker}</div>

      {state.step === "sending" && (
        <div className="flex flex-col gap-3" role="status">
          <p className="text-lg font-medium text-gray-900">
            {state.progress < 1
              ? `正在上传 ${state.file.name}… ${Math.round(state.progress * 100)}%`
              : state.apply
                ? "正在导入…（所有行一起写入，请不要关闭页面）"
                : "正在检查…（逐行核对，较大的文件需要一两分钟）"}
          </p>
          <div className="h-3 w-full max-w-lg overflow-hidden rounded-full bg-gray-200">
            {state.progress < 1 ? (
              <div className="h-full bg-accent transition-all" style={{ width: `${Math.round(state.progress * 100)}%` }} />
            ) : (
              <div className="h-full w-1/3 animate-pulse rounded-full bg-accent" />
            )}
          </div>
        </div>
      )}

      {state.step === "failed" && (
        <p className="mt-4 rounded-md bg-red-50 px-4 py-3 text-base text-red-800" role="alert" data-testid="import-failed">
          {state.message}
        </p>
      )}

      {state.step === "checked" && (
        <div className="flex flex-col gap-4">
          <p className="text-base text-gray-700">
            已检查 {state.file.name}：共 {state.report.rows.toLocaleString("zh-CN")} 行数据。
          </p>
          {state.report.errors.length > 0 ? (
            <>
              <p className="text-lg font-semibold text-red-800" data-testid="import-error-summary">
                有 {state.report.errors.length} 处错误，请在表格中改正后重新上传（本次没有导入任何数据）：
              </p>
              <ErrorList errors={state.report.errors} />
              <div className="flex flex-wrap gap-2">
                <Button type="button" variant="secondary" onClick={() => downloadReport(state.file)} disabled={downloading}>
                  {downloading ? "正在生成…" : "下载错误报告"}
                </Button>
                <Button type="button" onClick={again}>
                  重新上传
                </Button>
              </div>
              <p className="text-base text-gray-600">错误报告是您上传的表格，每行后面加了“错误说明”，可直接在 Excel 中修改后再上传。</p>
            </>
          ) : state.report.created + state.report.updated === 0 ? (
            <>
              <Counts report={state.report} />
              <p className="text-lg text-gray-900">文件中的数据与系统中完全一致，无需导入。</p>
              <div>
                <Button type="button" variant="secondary" onClick={again}>
                  重新上传
                </Button>
              </div>
            </>
          ) : (
            <>
              <p className="text-lg font-medium text-green-800">检查通过，没有错误。确认后将导入：</p>
              <Counts report={state.report} />
              <div className="flex flex-wrap gap-2">
                <Button type="button" className="min-h-14 px-8 text-lg" onClick={() => run(state.file, true)} data-testid="import-confirm">
                  确认导入
                </Button>
                <Button type="button" variant="secondary" onClick={again}>
                  重新上传
                </Button>
              </div>
            </>
          )}
        </div>
      )}

      {state.step === "done" && (
        <div className="flex flex-col gap-4" role="status">
          <p className="text-lg font-semibold text-green-800" data-testid="import-done">
            导入完成：新增 {state.report.created} 条，更新 {state.report.updated} 条，无变化 {state.report.unchanged} 条。
          </p>
          {state.report.passwords && state.report.passwords.length > 0 && <IssuedPasswords passwords={state.report.passwords} />}
          <div className="flex flex-wrap gap-2">
            <Link href={listHref} className="inline-flex min-h-12 items-center rounded-md bg-accent px-5 text-base font-medium text-white hover:bg-accent-dark">
              {listLabel}
            </Link>
            <Link href="/imports" className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-5 text-base text-gray-800 hover:bg-gray-100">
              继续导入其他数据
            </Link>
          </div>
        </div>
      )}
    </section>
  );
}
