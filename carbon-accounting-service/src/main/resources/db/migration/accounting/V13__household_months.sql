-- Per-household monthly totals, for the answers that rank or compare a community's households over many months (the
-- portraits' median, percentile and improvers): one row per community, local month and household, holding exactly what
-- summing and pricing the household's rows of consumption_month and reduction_month gives (docs/accounting.md#monthly-rollups).
-- Rollups keeps it in the same statements as the monthly rows: a consumption_month row of a household (PV left out) that
-- changes from c to c' adds c' * value / per_quantity - c * value / per_quantity of its factor to emissions, so emissions
-- stays exactly the sum of its rows each priced as the query priced it; reductions add what reduction_month adds.
-- A row exists exactly when the household has a monthly consumption row other than PV, or a monthly reduction row.

CREATE TABLE household_month (
    community_id text    NOT NULL,
    month        date    NOT NULL CHECK (extract(day FROM month) = 1),
    household_id text    NOT NULL,
    emissions    numeric NOT NULL,
    readings     integer NOT NULL,
    flagged      integer NOT NULL,
    reductions   numeric NOT NULL,
    PRIMARY KEY (community_id, month, household_id)
);

-- Backfill from the monthly rollups, by the query the portrait ran before this table.
INSERT INTO household_month (community_id, month, household_id, emissions, readings, flagged, reductions)
SELECT community_id, month, household_id, coalesce(em.emissions, 0), coalesce(em.readings, 0), coalesce(em.flagged, 0),
       coalesce(red.reductions, 0)
FROM (SELECT d.community_id, d.month, d.household_id, sum(d.consumption * f.value / f.per_quantity) AS emissions,
             sum(d.readings) AS readings, sum(d.flagged) AS flagged
      FROM consumption_month d LEFT JOIN methodology_factor f ON f.id = d.factor_id
      WHERE d.household_id <> '' AND d.meter_type <> 'PV_GENERATION'
      GROUP BY 1, 2, 3) em
FULL JOIN (SELECT community_id, month, household_id, sum(reduction) AS reductions FROM reduction_month GROUP BY 1, 2, 3) red
    USING (community_id, month, household_id);
