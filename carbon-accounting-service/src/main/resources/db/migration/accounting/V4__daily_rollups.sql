-- Daily rollups in the community's local calendar (docs/accounting.md#rollups). A meter reading's delta is the
-- consumption of the interval that ends at the reading, so it belongs to the local day in which that interval ends:
-- local day D holds the readings observed in (D 00:00, D+1 00:00] of the community's time zone, a reading at exactly
-- midnight closing the day before, as every period of the API is (from, to]. Reductions follow the same rule.
--
-- The rollups are maintained in the transaction that stores the readings and reductions (ConsumptionRecorder,
-- ReductionRecorder), from the rows those statements report as inserted or changed: a reading or deposit delivered
-- again inserts nothing and so adds nothing. Consumption is kept per factor that priced it, so a rollup is priced
-- exactly as the raw readings are.

-- Per household or common area, meter type and recorded factor. household_id and area_id: '' for none
-- (one of them is always ''); factor_id 0 for readings stored without a factor.
CREATE TABLE consumption_day (
    community_id text          NOT NULL,
    day          date          NOT NULL,
    household_id text          NOT NULL,
    area_id      text          NOT NULL,
    meter_type   text          NOT NULL,
    factor_id    bigint        NOT NULL,
    consumption  numeric(20,6) NOT NULL,
    -- readings stored, and of them how many are flagged (GLITCH, RESET, JUMP, PENDING): a figure that rests on
    -- flagged readings says so
    readings     integer       NOT NULL,
    flagged      integer       NOT NULL,
    PRIMARY KEY (community_id, day, household_id, area_id, meter_type, factor_id),
    CHECK ((household_id = '') <> (area_id = ''))
);
CREATE INDEX consumption_day_household ON consumption_day (community_id, household_id, day) WHERE household_id <> '';

-- The community's own sums of consumption_day, households and common areas apart: what community figures read
-- (a few rows per day however many meters the community has).
CREATE TABLE community_consumption_day (
    community_id text          NOT NULL,
    day          date          NOT NULL,
    scope        text          NOT NULL CHECK (scope IN ('HOUSEHOLD', 'COMMON_AREA')),
    meter_type   text          NOT NULL,
    factor_id    bigint        NOT NULL,
    consumption  numeric(20,6) NOT NULL,
    readings     integer       NOT NULL,
    flagged      integer       NOT NULL,
    PRIMARY KEY (community_id, day, scope, meter_type, factor_id)
);

-- Reductions per household, behaviour and factor.
CREATE TABLE reduction_day (
    community_id text          NOT NULL,
    day          date          NOT NULL,
    household_id text          NOT NULL,
    behaviour    text          NOT NULL,
    factor_id    bigint        NOT NULL,
    activity     numeric(20,6) NOT NULL,
    reduction    numeric(20,6) NOT NULL,
    reductions   integer       NOT NULL,
    PRIMARY KEY (community_id, day, household_id, behaviour, factor_id)
);
CREATE INDEX reduction_day_household ON reduction_day (community_id, household_id, day);

CREATE TABLE community_reduction_day (
    community_id text          NOT NULL,
    day          date          NOT NULL,
    behaviour    text          NOT NULL,
    factor_id    bigint        NOT NULL,
    activity     numeric(20,6) NOT NULL,
    reduction    numeric(20,6) NOT NULL,
    reductions   integer       NOT NULL,
    PRIMARY KEY (community_id, day, behaviour, factor_id)
);

-- Backfill from what is stored, in each community's time zone (Asia/Shanghai, the default, until the registry has
-- told it).
INSERT INTO consumption_day (community_id, day, household_id, area_id, meter_type, factor_id, consumption, readings, flagged)
SELECT m.community_id, ((m.observed_at - interval '1 microsecond') AT TIME ZONE coalesce(c.time_zone, 'Asia/Shanghai'))::date,
       coalesce(m.household_id, ''), coalesce(m.area_id, ''), m.meter_type, coalesce(m.emission_factor_id, 0),
       coalesce(sum(m.delta), 0), count(*), count(*) FILTER (WHERE m.quality NOT IN ('FIRST', 'OK'))
FROM meter_reading m LEFT JOIN community c ON c.id = m.community_id
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO community_consumption_day (community_id, day, scope, meter_type, factor_id, consumption, readings, flagged)
SELECT community_id, day, CASE WHEN household_id <> '' THEN 'HOUSEHOLD' ELSE 'COMMON_AREA' END, meter_type, factor_id,
       sum(consumption), sum(readings), sum(flagged)
FROM consumption_day GROUP BY 1, 2, 3, 4, 5;

INSERT INTO reduction_day (community_id, day, household_id, behaviour, factor_id, activity, reduction, reductions)
SELECT r.community_id, ((r.occurred_at - interval '1 microsecond') AT TIME ZONE coalesce(c.time_zone, 'Asia/Shanghai'))::date,
       r.household_id, r.behaviour, r.factor_id, sum(r.activity_value), sum(r.reduction_kg_co2e), count(*)
FROM carbon_reduction r LEFT JOIN community c ON c.id = r.community_id
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO community_reduction_day (community_id, day, behaviour, factor_id, activity, reduction, reductions)
SELECT community_id, day, behaviour, factor_id, sum(activity), sum(reduction), sum(reductions)
FROM reduction_day GROUP BY 1, 2, 3, 4;
