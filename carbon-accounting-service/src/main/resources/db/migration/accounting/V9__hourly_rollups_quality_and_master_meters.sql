-- Hourly rollups, a daily rollup of each device's data quality, and buildings' master meters
-- (docs/accounting.md#local-calendar-and-daily-rollups, #measured-accuracy-against-master-meters).
--
-- Hours follow the days' rule: a reading's delta is the consumption of the interval that ends at the reading, so it
-- belongs to the local hour in which that interval ends — hour H is (H:00, H+1:00] in the community's time zone, a
-- reading at exactly 10:00 closing the hour that started at 09:00. An hour is stored as the instant its local hour
-- starts, so a local day is exactly its 23 to 25 local hours. Like the daily rows, the hourly rows are maintained in
-- the transaction that stores the readings (Rollups), from what the statements report as inserted or changed.

CREATE TABLE consumption_hour (
    community_id text          NOT NULL,
    hour         timestamptz   NOT NULL,
    household_id text          NOT NULL,
    area_id      text          NOT NULL,
    meter_type   text          NOT NULL,
    factor_id    bigint        NOT NULL,
    consumption  numeric(20,6) NOT NULL,
    readings     integer       NOT NULL,
    flagged      integer       NOT NULL,
    PRIMARY KEY (community_id, hour, household_id, area_id, meter_type, factor_id),
    CHECK ((household_id = '') <> (area_id = ''))
);
CREATE INDEX consumption_hour_household ON consumption_hour (community_id, household_id, hour) WHERE household_id <> '';

-- A building's master (incoming) meter measures what its households and common areas use together: its readings are
-- kept apart ('MASTER') so that they are never added to the community's consumption.
ALTER TABLE community_consumption_day DROP CONSTRAINT community_consumption_day_scope_check;
ALTER TABLE community_consumption_day ADD CONSTRAINT community_consumption_day_scope_check
    CHECK (scope IN ('HOUSEHOLD', 'COMMON_AREA', 'MASTER'));

CREATE TABLE community_consumption_hour (
    community_id text          NOT NULL,
    hour         timestamptz   NOT NULL,
    scope        text          NOT NULL CHECK (scope IN ('HOUSEHOLD', 'COMMON_AREA', 'MASTER')),
    meter_type   text          NOT NULL,
    factor_id    bigint        NOT NULL,
    consumption  numeric(20,6) NOT NULL,
    readings     integer       NOT NULL,
    flagged      integer       NOT NULL,
    PRIMARY KEY (community_id, hour, scope, meter_type, factor_id)
);

-- Per device and local day: readings stored, the device's first readings and the flagged ones by quality, for the data-quality figures (which no
-- longer count raw readings, so they stay answerable after raw readings are purged).
CREATE TABLE device_quality_day (
    community_id text    NOT NULL,
    day          date    NOT NULL,
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
    PRIMARY KEY (community_id, day, device_id)
);

-- A building's master meter: the common area (or energy subsystem) whose electricity meter measures the building's
-- incoming supply. One per building; an area is the master meter of one building at most.
CREATE TABLE master_meter (
    community_id  text        NOT NULL,
    building_id   text        NOT NULL,
    area_id       text        NOT NULL,
    designated_by text        NOT NULL,
    designated_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, building_id),
    UNIQUE (community_id, area_id)
);

-- Backfill from what is stored, in each community's time zone (Asia/Shanghai until the registry has told it).
INSERT INTO consumption_hour (community_id, hour, household_id, area_id, meter_type, factor_id, consumption, readings, flagged)
SELECT m.community_id, date_trunc('hour', m.observed_at - interval '1 microsecond', coalesce(c.time_zone, 'Asia/Shanghai')),
       coalesce(m.household_id, ''), coalesce(m.area_id, ''), m.meter_type, coalesce(m.emission_factor_id, 0),
       coalesce(sum(m.delta), 0), count(*), count(*) FILTER (WHERE m.quality NOT IN ('FIRST', 'OK'))
FROM meter_reading m LEFT JOIN community c ON c.id = m.community_id
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO community_consumption_hour (community_id, hour, scope, meter_type, factor_id, consumption, readings, flagged)
SELECT community_id, hour, CASE WHEN household_id <> '' THEN 'HOUSEHOLD' ELSE 'COMMON_AREA' END, meter_type, factor_id,
       sum(consumption), sum(readings), sum(flagged)
FROM consumption_hour GROUP BY 1, 2, 3, 4, 5;

INSERT INTO device_quality_day (community_id, day, device_id, meter_type, household_id, area_id, readings, first, glitch, reset,
                                jump, pending)
SELECT m.community_id, ((m.observed_at - interval '1 microsecond') AT TIME ZONE coalesce(c.time_zone, 'Asia/Shanghai'))::date,
       m.device_id, max(m.meter_type), coalesce(max(m.household_id), ''), coalesce(max(m.area_id), ''), count(*),
       count(*) FILTER (WHERE m.quality = 'FIRST'),
       count(*) FILTER (WHERE m.quality = 'GLITCH'), count(*) FILTER (WHERE m.quality = 'RESET'),
       count(*) FILTER (WHERE m.quality = 'JUMP'), count(*) FILTER (WHERE m.quality = 'PENDING')
FROM meter_reading m LEFT JOIN community c ON c.id = m.community_id
GROUP BY 1, 2, 3;
