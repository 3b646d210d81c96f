// What an online ingest (the batch API, the file upload, OTLP) is given: the header values that describe
// the body, as strings, and the body as a stream. Reading them off an HTTP request, and answering, is
// lib/http/ingest.ts's work; the services here take this and return results or throw.

export interface IngestBody {
  contentType: string | null;
  contentEncoding?: string | null;
  /** The declared Content-Length, or null when absent or not a number. */
  declaredLength?: number | null;
  body: ReadableStream<Uint8Array> | null;
}

/** 415: a content type or encoding the entry point does not take (DomainError has no 415 code). */
export class UnsupportedMediaTypeError extends Error {
  readonly code = "unsupported_media_type";
}

/** The media type without parameters, lowercased ("" when absent). */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}
