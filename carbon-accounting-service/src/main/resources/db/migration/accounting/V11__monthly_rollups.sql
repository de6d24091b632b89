-- Monthly rollups per household or common area, per household's reductions and per device's data quality, in the
-- community's local calendar (docs/accounting.md#monthly-rollups). A month row is the sum of its month's daily rows:
-- Rollups adds each batch's daily increments to their month in the same transaction, so a reading or reduction
-- delivered again adds nothing here either, and a month row exists exactly when one of its daily rows does.
-- month is the local month's first day. Queries over many months read whole months here and only the days at their
-- edges from the daily tables (12 rows per household a year instead of 365).

CREATE TABLE consumption_month (
    community_id text          NOT NULL,
    month        date          NOT NULL CHECK (extract(day FROM month) = 1),
    household_id text          NOT NULL,
    area_id      text          NOT NULL,
    meter_type   text          NOT NULL,
    factor_id    bigint        NOT NULL,
    consumption  numeric(20,6) NOT NULL,
    readings     integer       NOT NULL,
    flagged      integer       NOT NULL,
    PRIMARY KEY (community_id, month, household_id, area_id, meter_type, factor_id),
    CHECK ((household_id = '') <> (area_id = ''))
);

CREATE TABLE reduction_month (
    community_id text          NOT NULL,
    month        date          NOT NULL CHECK (extract(day FROM month) = 1),
    household_id text          NOT NULL,
    behaviour    text          NOT NULL,
    factor_id    bigint        NOT NULL,
    activity     numeric(20,6) NOT NULL,
    reduction    numeric(20,6) NOT NULL,
    reductions   integer       NOT NULL,
    PRIMARY KEY (community_id, month, household_id, behaviour, factor_id)
);

CREATE TABLE device_quality_month (
    community_id text    NOT NULL,
    month        date    NOT NULL CHECK (extract(day FROM month) = 1),
    device_id    text    NOT NULL,
    meter_type   text    NOT NULL,
    household_id text    NOT NULL,
    area_id      text    NOT NULL,
    readings     integer NOT NULL,
    first        integer NOT NULL,
    glitch       integer NOT NULL,
    reset        integer NOT NULL,
    jump         integer NOT NULL,
    pending      integer NOT NULL,
    PRIMARY KEY (community_id, month, device_id)
);

-- Backfill from the daily rollups, so a database that has them answers the same as before.
INSERT INTO consumption_month (community_id, month, household_id, area_id, meter_type, factor_id, consumption, readings, flagged)
SELECT community_id, date_trunc('month', day)::date, household_id, area_id, meter_type, factor_id, sum(consumption), sum(readings),
       sum(flagged)
FROM consumption_day GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO reduction_month (community_id, month, household_id, behaviour, factor_id, activity, reduction, reductions)
SELECT community_id, date_trunc('month', day)::date, household_id, behaviour, factor_id, sum(activity), sum(reduction), sum(reductions)
FROM reduction_day GROUP BY 1, 2, 3, 4, 5;

-- a device's meter type and place are those of its first day in the month, as a rollup row keeps those it was created with
INSERT INTO device_quality_month (community_id, month, device_id, meter_type, household_id, area_id, readings, first, glitch, reset,
                                  jump, pending)
SELECT community_id, date_trunc('month', day)::date, device_id,
       (array_agg(meter_type ORDER BY day))[1], (array_agg(household_id ORDER BY day))[1],
       (array_agg(area_id ORDER BY day))[1], sum(readings), sum(first), sum(glitch), sum(reset), sum(jump), sum(pending)
FROM device_quality_day GROUP BY 1, 2, 3;
