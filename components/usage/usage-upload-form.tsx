"use client";
// Uploads a usage file with a real progress bar. fetch() reports no upload progress, so this uses
// XMLHttpRequest and sends the file itself as the body (not multipart): the server streams it into the
// import without buffering. The size check here is a convenience; the server enforces it again.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { type UploadReport, MAX_UPLOAD_BYTES, formatBytes } from "@/lib/ingestion/upload-report";
import { ImportReport } from "./import-report";

const noSubscription = () => () => {};

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; loaded: number; total: number }
  | { kind: "processing" }
  | { kind: "done"; report: UploadReport }
  | { kind: "error"; message: string };

type Mode = "strict" | "lenient";

const ACCEPT = ".csv,.jsonl,.ndjson,.json,.gz,text/csv,application/json,application/x-ndjson,application/gzip";

function tooLarge(file: File): string | null {
  return file.size > MAX_UPLOAD_BYTES
    ? `${file.name} is ${formatBytes(file.size)} (${file.size.toLocaleString("en-US")} bytes); files are limited to 1 GB (${MAX_UPLOAD_BYTES.toLocaleString("en-US")} bytes). Split it, or gzip it.`
    : null;
}

function errorMessage(xhr: XMLHttpRequest): string {
  let message = "";
  try {
    message = (JSON.parse(xhr.responseText) as { error?: { message?: string } }).error?.message ?? "";
  } catch {
    /* not JSON: a proxy or the server failed before Warden could answer */
  }
  if (xhr.status === 429) return message || `Warden is busy with other uploads; try again in ${xhr.getResponseHeader("Retry-After") ?? "30"} seconds.`;
  if (xhr.status === 401) return "Your session has ended: sign in again, then upload the file.";
  return message || `The upload failed (HTTP ${xhr.status}). Nothing was written.`;
}

export function UsageUploadForm() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>("strict");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [fileError, setFileError] = useState<string | null>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // Until React has hydrated the form, a click would submit it natively (a page reload that loses the file).
  // false in the server's HTML and during hydration, true once React runs the form in the browser.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const reportRef = useRef<HTMLDivElement>(null);
  const busy = phase.kind === "uploading" || phase.kind === "processing";

  // Leaving the page mid-upload would abandon it; the request is aborted (the server then writes nothing).
  useEffect(() => () => xhrRef.current?.abort(), []);
  useEffect(() => {
    if (phase.kind === "done") reportRef.current?.querySelector<HTMLElement>("#import-report-heading")?.focus();
  }, [phase.kind]);

  function start(event: React.FormEvent) {
    event.preventDefault();
    // The input itself, not only state: a file chosen before hydration fired no change event.
    const file = inputRef.current?.files?.[0] ?? null;
    if (!file) {
      setFileError("Choose a file to upload.");
      return;
    }
    const problem = tooLarge(file);
    if (problem) {
      setFileError(problem);
      return;
    }
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    const query = new URLSearchParams({ fileName: file.name, mode });
    xhr.open("POST", `/api/v1/usage/imports?${query}`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (e) => setPhase({ kind: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    // Every byte is sent; the server is parsing and committing, and answers once the import has committed.
    xhr.upload.onload = () => setPhase({ kind: "processing" });
    xhr.onload = () => {
      xhrRef.current = null;
      if (xhr.status === 200) {
        setPhase({ kind: "done", report: JSON.parse(xhr.responseText) as UploadReport });
        router.refresh();
      } else {
        setPhase({ kind: "error", message: errorMessage(xhr) });
      }
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      setPhase({
        kind: "error",
        message:
          "The connection to Warden was lost during the upload. Nothing was written unless the list below says otherwise; upload the file again (rows already stored are skipped as duplicates).",
      });
    };
    xhr.onabort = () => {
      xhrRef.current = null;
      setPhase({ kind: "error", message: "Upload cancelled. Nothing was written." });
    };
    setPhase({ kind: "uploading", loaded: 0, total: file.size });
    xhr.send(file);
  }

  const percent = phase.kind === "uploading" && phase.total > 0 ? Math.floor((phase.loaded / phase.total) * 100) : 0;

  return (
    <div className="space-y-6">
      <form onSubmit={start} className="card space-y-4" aria-label="Upload a usage file" noValidate>
        <div>
          <label htmlFor="usage-file" className="block text-sm font-medium">
            Usage file
          </label>
          <input
            id="usage-file"
            ref={inputRef}
            name="file"
            type="file"
            accept={ACCEPT}
            disabled={busy}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 dark:file:border-slate-700 dark:file:bg-slate-800 dark:file:text-slate-100"
            aria-invalid={!!fileError}
            aria-describedby="usage-file-hint usage-file-error"
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setFileError(chosen ? tooLarge(chosen) : null);
              if (phase.kind === "done" || phase.kind === "error") setPhase({ kind: "idle" });
            }}
          />
          <p id="usage-file-hint" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            CSV or JSON lines with Warden&apos;s columns, or a LiteLLM spend-log export (CSV, JSON or JSON lines); gzip-compressed (.gz) too. At most 1 GB (
            {MAX_UPLOAD_BYTES.toLocaleString("en-US")} bytes) as uploaded.
            {file && !fileError && ` Chosen: ${file.name}, ${formatBytes(file.size)}.`}
          </p>
          {fileError && (
            <p id="usage-file-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {fileError}
            </p>
          )}
        </div>

        <fieldset disabled={busy}>
          <legend className="text-sm font-medium">Mode</legend>
          <div className="mt-1 grid gap-2 sm:grid-cols-2">
            {(
              [
                ["strict", "Strict", "Write nothing if any row is bad. Every bad row is reported."],
                ["lenient", "Lenient", "Write the good rows; report and skip the bad ones."],
              ] as const
            ).map(([value, label, hint]) => (
              <label
                key={value}
                className="flex cursor-pointer gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:border-slate-700 dark:has-[:checked]:bg-indigo-950"
              >
                <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} className="mt-0.5" />
                <span>
                  <span className="block font-medium">{label}</span>
                  <span className="block text-slate-600 dark:text-slate-400">{hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="flex items-center justify-end gap-3">
          {phase.kind === "uploading" && (
            <button type="button" className="btn-secondary" onClick={() => xhrRef.current?.abort()}>
              Cancel upload
            </button>
          )}
          <button type="submit" className="btn-primary" disabled={!hydrated || busy || !!fileError}>
            {busy ? "Importing…" : "Upload and import"}
          </button>
        </div>

        <div aria-live="polite" className="space-y-1">
          {phase.kind === "uploading" && (
            <>
              <label htmlFor="upload-progress" className="block text-sm">
                Uploading: {percent}% ({formatBytes(phase.loaded)} of {formatBytes(phase.total)})
              </label>
              <progress
                id="upload-progress"
                max={phase.total}
                value={phase.loaded}
                data-testid="upload-progress"
                className="h-2 w-full appearance-none overflow-hidden rounded-full [&::-moz-progress-bar]:bg-indigo-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-indigo-600 dark:[&::-webkit-progress-bar]:bg-slate-700 dark:[&::-webkit-progress-value]:bg-indigo-400"
              />
            </>
          )}
          {phase.kind === "processing" && (
            <>
              <label htmlFor="processing-progress" className="block text-sm" data-testid="processing">
                Uploaded. Processing and committing… the report appears once the import has committed.
              </label>
              <progress id="processing-progress" className="h-2 w-full" />
            </>
          )}
          {phase.kind === "error" && (
            <p
              role="alert"
              className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              {phase.message}
            </p>
          )}
        </div>
      </form>

      <div ref={reportRef}>{phase.kind === "done" && <ImportReport report={phase.report} />}</div>
    </div>
  );
}
