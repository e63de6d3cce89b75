-- The roll-up of every target of every plan as of one period, written as SQL against the ledger
-- file (docs/schema.md): the same per-target figures as Ledger::rollup (rules 1-5 of
-- docs/rollup.md), for the benchmark's side-by-side comparison (docs/benchmarks.md,
-- bench/rollup_sql.py runs it).
--
-- :as_of is the period ('2022-12'). What it covers, as the synthetic ledger needs it: monthly or
-- quarterly plans whose periods sort as text, linear trajectories (no explicit ones), milestones
-- with the default stages, the current plan version, every revision (no "as recorded at"), current
-- content (not "accepted only"). Numbers are SQLite REAL (binary floating point), where the library
-- computes with exact decimals.
--
-- Speed: every CTE is MATERIALIZED (computed once into a temporary table that SQLite indexes
-- automatically for the joins that follow); left to itself, SQLite 3.40 flattens them into the
-- final join and takes 4-5 times as long. Rule 1 groups the values before joining the targets, so
-- that the ten million value rows meet one join less. The ledger's own indexes serve every join
-- (the primary keys, UNIQUE (report_id, number) of revisions); none is added.
WITH
params AS (
  SELECT :as_of AS as_of,
         date(:as_of || '-01', '+1 month', '-1 day') AS today
),
-- Each plan's current version, as a document (the flattened tables lack contributors and
-- baselines).
plan_doc AS MATERIALIZED (
  SELECT p.id AS plan_id, p.code AS plan, v.document AS doc,
         CAST(coalesce(json_extract(v.document, '$.tolerance'), '0.1') AS REAL) AS tol,
         json_extract(v.document, '$.start') AS start
  FROM plans p
  JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
),
target_doc AS MATERIALIZED (
  SELECT d.plan_id, json_extract(t.value, '$.code') AS code,
         CAST(json_extract(t.value, '$.baseline.value') AS REAL) AS baseline,
         json_extract(t.value, '$.contributors') AS contributors
  FROM plan_doc d, json_each(d.doc, '$.initiatives') i, json_each(i.value, '$.targets') t
),
-- The contributing units of each target (its contributors, else its initiative's lead units),
-- and whether each is a lead unit.
contributor AS (
  SELECT td.plan_id, td.code AS target, c.value AS unit
  FROM target_doc td, json_each(td.contributors) c
  WHERE td.contributors IS NOT NULL
  UNION ALL
  SELECT t.plan_id, t.code, a.unit
  FROM targets t
  JOIN target_doc td ON td.plan_id = t.plan_id AND td.code = t.code AND td.contributors IS NULL
  JOIN assignments a ON a.plan_id = t.plan_id AND a.initiative = t.initiative AND a.role = 'lead'
),
contributor_role AS MATERIALIZED (
  SELECT c.plan_id, c.target, c.unit, a.role = 'lead' AS lead
  FROM contributor c
  JOIN targets t ON t.plan_id = c.plan_id AND t.code = c.target
  LEFT JOIN assignments a
    ON a.plan_id = c.plan_id AND a.initiative = t.initiative AND a.unit = c.unit
),
-- Each report's current content: its latest revision's content_number.
latest AS (
  SELECT report_id, max(number) AS number FROM revisions GROUP BY report_id
),
current_content AS MATERIALIZED (
  SELECT r.plan_id, r.unit, r.period, c.id AS revision_id
  FROM latest l
  JOIN revisions cur ON cur.report_id = l.report_id AND cur.number = l.number
  JOIN revisions c ON c.report_id = cur.report_id AND c.number = cur.content_number
  JOIN reports r ON r.id = l.report_id, params
  WHERE r.period <= params.as_of
),
-- Rule 1: each contributing unit's value. Grouped first (SQLite takes the bare columns `value`
-- and `stage` from the max(period) row), the targets joined after: incremental → the sum;
-- cumulative and level → the latest period's value; milestones → the latest stage's share.
unit_cell AS MATERIALIZED (
  SELECT cc.plan_id, cc.unit, v.target, sum(CAST(v.value AS REAL)) AS total, max(cc.period),
         CAST(v.value AS REAL) AS latest, v.stage
  FROM current_content cc
  JOIN revision_values v ON v.revision_id = cc.revision_id
  WHERE v.value IS NOT NULL OR v.stage <> ''
  GROUP BY cc.plan_id, cc.unit, v.target
),
unit_value AS MATERIALIZED (
  SELECT c.plan_id, c.target, c.unit,
         CASE WHEN t.measure = 'milestone' THEN
                CASE c.stage WHEN '未启动' THEN 0.0 WHEN '已启动' THEN 0.25 WHEN '推进中' THEN 0.5
                             WHEN '基本完成' THEN 0.75 WHEN '已完成' THEN 1.0 END
              WHEN t.accumulation = 'incremental' THEN c.total
              ELSE c.latest END AS value
  FROM unit_cell c
  JOIN targets t ON t.plan_id = c.plan_id AND t.code = c.target
),
-- Rule 2: the target's actual.
actual AS MATERIALIZED (
  SELECT t.plan_id, t.code AS target,
         CASE t.combination
           WHEN 'sum' THEN sum(u.value)
           WHEN 'lead_only' THEN sum(CASE WHEN cr.lead THEN u.value END)
           WHEN 'max' THEN max(u.value)
           WHEN 'mean' THEN avg(u.value)
         END AS actual
  FROM targets t
  JOIN contributor_role cr ON cr.plan_id = t.plan_id AND cr.target = t.code
  LEFT JOIN unit_value u ON u.plan_id = t.plan_id AND u.target = t.code AND u.unit = cr.unit
  GROUP BY t.plan_id, t.code
),
-- Rule 3: completion; rule 4: the expected share (linear); rule 5: the status.
figures AS (
  SELECT d.plan AS plan, t.code AS target, t.initiative, t.position, a.actual,
         CASE
           WHEN a.actual IS NULL THEN NULL
           WHEN t.measure = 'milestone' THEN a.actual
           WHEN t.goal IS NULL THEN NULL
           WHEN t.direction = 'higher_is_better' THEN
             CASE WHEN CAST(t.goal AS REAL) = coalesce(td.baseline, 0) THEN NULL
                  ELSE (a.actual - coalesce(td.baseline, 0)) / (t.goal - coalesce(td.baseline, 0)) END
           WHEN td.baseline IS NULL THEN
             CASE WHEN a.actual <= CAST(t.goal AS REAL) THEN 1.0 ELSE (CAST(t.goal AS REAL)) / a.actual END
           WHEN CAST(t.goal AS REAL) = td.baseline THEN NULL
           ELSE (td.baseline - a.actual) / (td.baseline - t.goal)
         END AS r,
         min(1.0, ((substr(p.as_of, 1, 4) - substr(d.start, 1, 4)) * 12
                   + substr(p.as_of, 6, 2) - substr(d.start, 6, 2) + 1) * 1.0
                  / ((substr(t.deadline, 1, 4) - substr(d.start, 1, 4)) * 12
                     + substr(t.deadline, 6, 2) - substr(d.start, 6, 2) + 1)) AS e,
         d.tol, t.deadline, p.today
  FROM targets t
  JOIN plan_doc d ON d.plan_id = t.plan_id
  JOIN target_doc td ON td.plan_id = t.plan_id AND td.code = t.code
  LEFT JOIN actual a ON a.plan_id = t.plan_id AND a.target = t.code, params p
)
SELECT plan, target, actual, r AS completion,
       CASE
         WHEN actual IS NOT NULL AND r >= 1 THEN 'achieved'
         WHEN today > deadline THEN 'overdue'
         WHEN actual IS NULL OR r IS NULL THEN 'no_data'
         WHEN r >= e - tol THEN 'on_track'
         WHEN r >= e - 2 * tol THEN 'at_risk'
         ELSE 'behind'
       END AS status
FROM figures
ORDER BY plan, initiative, position;
