-- CreateTable
CREATE TABLE "UsageRollupDaily" (
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "model" TEXT NOT NULL,
    "workflow" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "bundle" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "retries" INTEGER NOT NULL,
    "fallbacks" INTEGER NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "costUsd" DOUBLE PRECISION NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "latencyHist" INTEGER[],
    "ttftHist" INTEGER[],
    "inputTokenHist" INTEGER[],
    "outputTokenHist" INTEGER[],
    "qualityHist" INTEGER[],
    "qualitySum" DOUBLE PRECISION NOT NULL,
    "qualityCount" INTEGER NOT NULL,
    "feedbackUp" INTEGER NOT NULL,
    "feedbackDown" INTEGER NOT NULL,
    "errorTypes" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsageRollupDaily_pkey" PRIMARY KEY ("bucketStart","model","workflow","provider","region","bundle")
);

-- Backfill: daily rows from the hourly rows already stored (histograms summed bucket by bucket).
INSERT INTO "UsageRollupDaily" ("bucketStart", "model", "workflow", "provider", "region", "bundle", "requests", "errors", "retries", "fallbacks",
  "inputTokens", "outputTokens", "costUsd", "latencySumMs", "latencyHist", "ttftHist", "inputTokenHist", "outputTokenHist", "qualityHist",
  "qualitySum", "qualityCount", "feedbackUp", "feedbackDown", "errorTypes", "updatedAt")
SELECT d, r.model, r.workflow, r.provider, r.region, r.bundle, sum(requests)::int, sum(errors)::int, sum(retries)::int, sum(fallbacks)::int,
  sum("inputTokens")::bigint, sum("outputTokens")::bigint, sum("costUsd"), sum("latencySumMs"),
  (SELECT array_agg(s ORDER BY i) FROM (SELECT i, sum(h)::int AS s FROM "UsageRollup" x, unnest(x."latencyHist") WITH ORDINALITY t(h, i)
     WHERE date_trunc('day', x."bucketStart") = d AND (x.model, x.workflow, x.provider, x.region, x.bundle) = (r.model, r.workflow, r.provider, r.region, r.bundle) GROUP BY i) a),
  (SELECT array_agg(s ORDER BY i) FROM (SELECT i, sum(h)::int AS s FROM "UsageRollup" x, unnest(x."ttftHist") WITH ORDINALITY t(h, i)
     WHERE date_trunc('day', x."bucketStart") = d AND (x.model, x.workflow, x.provider, x.region, x.bundle) = (r.model, r.workflow, r.provider, r.region, r.bundle) GROUP BY i) a),
  (SELECT array_agg(s ORDER BY i) FROM (SELECT i, sum(h)::int AS s FROM "UsageRollup" x, unnest(x."inputTokenHist") WITH ORDINALITY t(h, i)
     WHERE date_trunc('day', x."bucketStart") = d AND (x.model, x.workflow, x.provider, x.region, x.bundle) = (r.model, r.workflow, r.provider, r.region, r.bundle) GROUP BY i) a),
  (SELECT array_agg(s ORDER BY i) FROM (SELECT i, sum(h)::int AS s FROM "UsageRollup" x, unnest(x."outputTokenHist") WITH ORDINALITY t(h, i)
     WHERE date_trunc('day', x."bucketStart") = d AND (x.model, x.workflow, x.provider, x.region, x.bundle) = (r.model, r.workflow, r.provider, r.region, r.bundle) GROUP BY i) a),
  (SELECT array_agg(s ORDER BY i) FROM (SELECT i, sum(h)::int AS s FROM "UsageRollup" x, unnest(x."qualityHist") WITH ORDINALITY t(h, i)
     WHERE date_trunc('day', x."bucketStart") = d AND (x.model, x.workflow, x.provider, x.region, x.bundle) = (r.model, r.workflow, r.provider, r.region, r.bundle) GROUP BY i) a),
  sum("qualitySum"), sum("qualityCount")::int, sum("feedbackUp")::int, sum("feedbackDown")::int,
  coalesce((SELECT jsonb_object_agg(k, n) FROM (SELECT e.k, sum(e.v::int) AS n FROM "UsageRollup" x, jsonb_each_text(x."errorTypes") e(k, v)
     WHERE date_trunc('day', x."bucketStart") = d AND (x.model, x.workflow, x.provider, x.region, x.bundle) = (r.model, r.workflow, r.provider, r.region, r.bundle) GROUP BY e.k) et), '{}'::jsonb),
  now()
FROM "UsageRollup" r, LATERAL (SELECT date_trunc('day', r."bucketStart") AS d) day
GROUP BY d, r.model, r.workflow, r.provider, r.region, r.bundle;
