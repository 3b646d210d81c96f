import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { asFileError, MAX_EVALUATION_FILE_BYTES, parseEvaluationFile, readEvaluationBody } from "./evaluation-file";
import {
  effectiveThresholds,
  evaluationFiltersFrom,
  evaluationFiltersSchema,
  evaluationFiltersToQuery,
  evaluationInputSchema,
  normaliseEvaluationInput,
  readMetrics,
  readThresholds,
} from "./evaluation-input";

const MODEL_ID = "0b7e7c0e-3f5a-4c61-9d1e-2a4b6c8d0e1f";
const valid = {
  model: "anthropic/claude-sonnet-4-5-20250929",
  workflow: "support-chat",
  suite: "support-chat-suite",
  datasetVersion: "2026.01",
  metrics: { answer_accuracy: 0.91, toxicity: 0.002 },
};

function errorsOf(input: unknown): Record<string, string[]> {
  try {
    parseInput(evaluationInputSchema, normaliseEvaluationInput(input));
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors ?? {};
    throw error;
  }
  throw new Error("expected the input to be refused");
}

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("the upload JSON shape", () => {
  it("accepts a model as provider/snapshot and normalises it", () => {
    const parsed = parseInput(evaluationInputSchema, valid);
    expect(parsed).toEqual({
      modelRef: { provider: "anthropic", snapshotId: "claude-sonnet-4-5-20250929" },
      bundleId: null,
      workflow: "support-chat",
      suite: "support-chat-suite",
      datasetVersion: "2026.01",
      metrics: { answer_accuracy: 0.91, toxicity: 0.002 },
      thresholds: {},
    });
  });

  it("accepts a model id (as modelId or model), a bundle id, workflowId and explicit thresholds", () => {
    expect(parseInput(evaluationInputSchema, { ...valid, model: undefined, modelId: MODEL_ID.toUpperCase() }).modelRef).toEqual({ id: MODEL_ID });
    expect(parseInput(evaluationInputSchema, { ...valid, model: MODEL_ID }).modelRef).toEqual({ id: MODEL_ID });
    const bundle = parseInput(evaluationInputSchema, { ...valid, model: undefined, bundleId: MODEL_ID });
    expect(bundle).toMatchObject({ modelRef: null, bundleId: MODEL_ID });
    const { workflow: _w, ...rest } = valid;
    expect(parseInput(evaluationInputSchema, normaliseEvaluationInput({ ...rest, workflowId: MODEL_ID })).workflow).toBe(MODEL_ID);
    const withThresholds = parseInput(evaluationInputSchema, {
      ...valid,
      baselineRunId: MODEL_ID,
      thresholds: { toxicity: { max: 0.01 }, tone: { maxRegression: 0.1, direction: "lower" } },
    });
    expect(withThresholds.thresholds).toEqual({ toxicity: { max: 0.01 }, tone: { maxRegression: 0.1, direction: "lower" } });
    expect(withThresholds.baselineRunId).toBe(MODEL_ID);
  });

  it("needs exactly one of model, modelId and bundleId", () => {
    expect(errorsOf({ ...valid, model: undefined }).model).toEqual(["Choose the model that was evaluated (or give a bundle id)"]);
    expect(errorsOf({ ...valid, modelId: MODEL_ID }).model?.[0]).toMatch(/not several/);
    expect(errorsOf({ ...valid, bundleId: MODEL_ID }).model?.[0]).toMatch(/not several/);
    // Said in the same round as the other fields' problems, blank form fields counting as not given.
    const form = errorsOf({ modelId: "", model: " ", workflow: "support-chat", suite: "", datasetVersion: "1", metrics: "a = 1" });
    expect(form).toEqual({ model: ["Choose the model that was evaluated (or give a bundle id)"], suite: ["Suite is required"] });
  });

  it("names every field that is missing or malformed", () => {
    const errors = errorsOf({ model: "claude without provider", workflow: "", suite: "  ", datasetVersion: 7, baselineRunId: "run-12", metrics: {} });
    expect(errors.model?.[0]).toMatch(/<provider>\/<snapshot id>/);
    expect(errors.workflow).toEqual(["Choose a workflow"]);
    expect(errors.suite).toEqual(["Suite is required"]);
    expect(errors.datasetVersion).toEqual(["Dataset version is required"]);
    expect(errors.baselineRunId?.[0]).toMatch(/baseline/);
    expect(errors.metrics).toEqual(["Give at least one metric"]);
  });

  it("refuses unknown fields so a misspelt key cannot silently drop thresholds", () => {
    const errors = errorsOf({ ...valid, threshold: { answer_accuracy: { min: 0.9 } } });
    expect(errors._form?.[0]).toMatch(/Unknown field "threshold"/);
  });

  it("refuses a workflow that is neither a slug nor an id", () => {
    expect(errorsOf({ ...valid, workflow: "support chat!" }).workflow?.[0]).toMatch(/slug/);
  });

  it("refuses a body that is not an object", () => {
    for (const body of [null, [], "text", 42]) expect(Object.keys(errorsOf(body)).length).toBeGreaterThan(0);
  });
});

describe("metrics", () => {
  it("must be finite numbers with plain names", () => {
    expect(readMetrics({ a: 1, "pass@1": 0.5, "rouge-l": 0.3 }).problems).toEqual([]);
    expect(readMetrics({ accuracy: "0.9" }).problems).toEqual(['accuracy must be a finite number, got "0.9"']);
    expect(readMetrics({ accuracy: null }).problems).toEqual(["accuracy must be a finite number, got null"]);
    expect(readMetrics({ accuracy: Number.NaN }).problems).toEqual(["accuracy must be a finite number, got NaN"]);
    expect(readMetrics({ accuracy: Number.POSITIVE_INFINITY }).problems).toEqual(["accuracy must be a finite number, got Infinity"]);
    expect(readMetrics({ accuracy: [0.9] }).problems).toEqual(["accuracy must be a finite number, got a list"]);
    expect(readMetrics({ accuracy: { value: 0.9 } }).problems).toEqual(["accuracy must be a finite number, got an object"]);
    expect(readMetrics({ "has space": 1 }).problems[0]).toMatch(/metric name "has space" may use/);
    expect(readMetrics([1, 2]).problems).toEqual(["Metrics must be an object of metric name → number, got a list"]);
    expect(readMetrics(undefined).problems).toEqual(["Give at least one metric"]);
  });

  it("caps the number of metrics", () => {
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`m${i}`, i]));
    expect(readMetrics(many).problems).toEqual(["At most 200 metrics per run"]);
  });

  it("reads the form's name = value lines, naming the line of each problem", () => {
    expect(readMetrics("accuracy = 0.91\n\n# a comment\np95_latency_ms=5200\ncost = 1e-3\n").metrics).toEqual({
      accuracy: 0.91,
      p95_latency_ms: 5200,
      cost: 0.001,
    });
    const { problems } = readMetrics("accuracy = 0.9\nf1 0.8\ntoxicity = low\naccuracy = 0.8\n = 3\nbleu = 0x10\nlat = Infinity");
    expect(problems).toEqual([
      'Line 2: expected "name = number", got "f1 0.8"',
      "Line 4: accuracy is given twice",
      "Line 5: the metric name is missing before =",
      'Line 3: toxicity must be a number, got "low"',
      'Line 6: bleu must be a number, got "0x10"',
      'Line 7: lat must be a number, got "Infinity"',
    ]);
  });

  it("a textarea of only comments has no metric", () => {
    expect(errorsOf({ ...valid, metrics: "# nothing yet\n" }).metrics).toEqual(["Give at least one metric"]);
    expect(errorsOf({ ...valid, metrics: "   " }).metrics).toEqual(["Give at least one metric"]);
  });
});

describe("thresholds", () => {
  it("accept min, max, maxRegression and direction", () => {
    expect(
      readThresholds({ a: { min: 0.8, maxRegression: 0.02 }, b: { max: 10 }, c: { min: 0.4, max: 0.6 }, d: { maxRegression: 1, direction: "lower" } }).problems,
    ).toEqual([]);
    expect(readThresholds(undefined)).toEqual({ thresholds: {}, problems: [] });
  });

  it("refuse what would make a bound meaningless or be silently dropped", () => {
    const { problems } = readThresholds({
      a: { minimum: 0.8 },
      b: {},
      c: { min: 0.9, max: 0.1 },
      d: { maxRegression: -0.1 },
      e: { min: "0.8" },
      f: { max: 1, direction: "up" },
      g: 0.8,
      h: { min: Number.NaN },
    });
    expect(problems).toEqual([
      'a: unknown threshold "minimum"; expected min, max, maxRegression, direction',
      "b: give at least one of min, max, maxRegression",
      "c: min 0.9 is above max 0.1",
      "d: maxRegression cannot be negative",
      'e: min must be a finite number, got "0.8"',
      'f: direction must be "higher" or "lower", got "up"',
      'g: a threshold is an object like { "min": 0.85, "maxRegression": 0.02 }, got 0.8',
      "h: min must be a finite number, got NaN",
    ]);
    expect(readThresholds("nope" as unknown).problems).toEqual(['Line 1: expected "name = min 0.85, maxRegression 0.02", got "nope"']);
    expect(readThresholds([]).problems[0]).toMatch(/Thresholds must be an object/);
  });

  it("read the form's lines", () => {
    const text = "answer_accuracy = min 0.85, maxRegression 0.02\np95_latency_ms = max=8000\ntone = max_regression: 0.05; direction lower\n";
    expect(readThresholds(text)).toEqual({
      thresholds: { answer_accuracy: { min: 0.85, maxRegression: 0.02 }, p95_latency_ms: { max: 8000 }, tone: { maxRegression: 0.05, direction: "lower" } },
      problems: [],
    });
    expect(readThresholds("a = min 0.9, max 0.1\nb = floor 3\nc = min x\nd =\ne = min 1, min 2").problems).toEqual([
      "Line 1: a: min 0.9 is above max 0.1",
      'Line 2: "floor 3" is not min, max, maxRegression or direction followed by a value',
      'Line 3: c min must be a number, got "x"',
      'Line 4: d needs a bound, e.g. "d = min 0.85, maxRegression 0.02"',
      "Line 5: e gives min twice",
    ]);
  });

  it("replace the workflow's bar metric by metric", () => {
    const bar = { accuracy: { min: 0.85, maxRegression: 0.02 }, toxicity: { max: 0.01 } };
    expect(effectiveThresholds(bar, { toxicity: { max: 0.02 }, bleu: { min: 0.2 } })).toEqual({
      thresholds: { accuracy: { min: 0.85, maxRegression: 0.02 }, toxicity: { max: 0.02 }, bleu: { min: 0.2 } },
      overridden: ["toxicity"],
      added: ["bleu"],
    });
    expect(effectiveThresholds(bar, { toxicity: { max: 0.01 } }).overridden).toEqual([]);
  });
});

describe("an uploaded JSON file", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("is read as an object", () => {
    expect(parseEvaluationFile(bytes(JSON.stringify(valid)), "run.json")).toEqual(valid);
    // An editor's byte-order mark is not an error.
    expect(parseEvaluationFile(bytes(`\uFEFF${JSON.stringify(valid)}`), "run.json")).toEqual(valid);
  });

  it("names what is wrong with a malformed file, and where", () => {
    const cases: [Uint8Array, RegExp][] = [
      [bytes(""), /run\.json: is empty/],
      [bytes("  \n"), /run\.json: is empty/],
      [bytes('{"model": "a/b",\n "metrics": {"x": 1,}}'), /run\.json: is not valid JSON: .*expected a property name.* \(line 2, column 21\)/],
      [bytes('{"model": "a/b"'), /run\.json: is not valid JSON: unexpected end of input/],
      [bytes("model: a/b"), /is not valid JSON: unexpected character "m"/],
      [bytes("[1, 2]"), /run\.json: expected a JSON object at the top level, found an array/],
      [bytes('"run"'), /found a string/],
      [bytes("null"), /found null/],
      [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /run\.json: is not UTF-8 text/],
      [new Uint8Array(MAX_EVALUATION_FILE_BYTES + 1), /run\.json: is 1\.0 MB; evaluation files are limited to 1 MB/],
    ];
    for (const [content, message] of cases) {
      const error = thrown(() => parseEvaluationFile(content, "run.json"));
      expect(error.message).toMatch(message);
      expect(error.fieldErrors?.file?.[0]).toBe(error.message);
    }
    expect(thrown(() => parseEvaluationFile(new Uint8Array(MAX_EVALUATION_FILE_BYTES + 1), "big.json")).code).toBe("payload_too_large");
    // A file not read because of its declared size.
    expect(thrown(() => parseEvaluationFile(new Uint8Array(0), "huge.json", 5 * MAX_EVALUATION_FILE_BYTES)).message).toBe(
      "huge.json: is 5.0 MB; evaluation files are limited to 1 MB",
    );
  });

  it("reports the upload's field problems against the file", () => {
    const error = asFileError(
      new DomainError("validation", "Invalid input", { metrics: ['accuracy must be a finite number, got "high"'], suite: ["Suite is required"] }),
      "run.json",
    );
    expect(error.fieldErrors).toEqual({ file: ['metrics: accuracy must be a finite number, got "high"', "suite: Suite is required"] });
    expect(error.message).toBe("run.json: 2 problems");
    const notFound = asFileError(new DomainError("not_found", 'No workflow "x".', { workflow: ['No workflow "x"'] }), "run.json");
    expect(notFound).toMatchObject({ code: "not_found", message: 'run.json: No workflow "x".', fieldErrors: { file: ['workflow: No workflow "x"'] } });
  });
});

describe("an API request body", () => {
  const request = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    new Request("http://localhost/api/v1/evaluations", { method: "POST", body: body as BodyInit, headers });

  it("is parsed as JSON", async () => {
    await expect(readEvaluationBody(request(JSON.stringify(valid)))).resolves.toEqual(valid);
  });

  it("answers broken JSON as a bad request naming the position, and a huge body as too large", async () => {
    await expect(readEvaluationBody(request('{"suite": }'))).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/^The request body is not valid JSON: .*line 1, column 11/),
    });
    await expect(readEvaluationBody(request(""))).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/is empty/) });
    await expect(readEvaluationBody(request(new Uint8Array(MAX_EVALUATION_FILE_BYTES + 10)))).rejects.toMatchObject({ code: "payload_too_large" });
    await expect(readEvaluationBody(request("{}", { "content-length": String(5 * MAX_EVALUATION_FILE_BYTES) }))).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });
});

describe("list filters", () => {
  it("read the URL and write it back", () => {
    const filters = parseInput(evaluationFiltersSchema, evaluationFiltersFrom(new URLSearchParams("model=gpt-4.1&workflow=rag-answers&passed=failed&page=2")));
    expect(filters).toEqual({ model: "gpt-4.1", workflow: "rag-answers", passed: false, page: 2, pageSize: 50 });
    expect(evaluationFiltersToQuery(filters)).toBe("model=gpt-4.1&workflow=rag-answers&passed=failed&page=2");
    expect(parseInput(evaluationFiltersSchema, evaluationFiltersFrom({ passed: "true" })).passed).toBe(true);
    expect(parseInput(evaluationFiltersSchema, {}).passed).toBeUndefined();
  });

  it("refuse nonsense with a message", () => {
    expect(thrown(() => parseInput(evaluationFiltersSchema, { passed: "maybe" })).fieldErrors?.passed?.[0]).toMatch(/passed" or "failed/);
    expect(thrown(() => parseInput(evaluationFiltersSchema, { pageSize: "7" })).fieldErrors?.pageSize?.[0]).toMatch(/25, 50, 100/);
  });
});
