-- Environment and energy monitoring (docs/monitoring.md): environment observations kept as the latest value and hourly
-- rollups per area, thresholds raising and clearing alerts; common-area energy per hour from register deltas, time-of-use
-- tariffs and anomaly alerts. Alerts that need action open work orders of two new types.

ALTER TABLE work_order DROP CONSTRAINT work_order_type_check;
ALTER TABLE work_order ADD CONSTRAINT work_order_type_check
    CHECK (type IN ('BIN_OVERFLOW', 'DEVICE_OFFLINE', 'BUILDING_DEVICES_OFFLINE', 'PICKUP_DISPATCH_LATE', 'PICKUP_VISIT_LATE',
                    'ENVIRONMENT_THRESHOLD', 'ENERGY_ANOMALY'));

-- ---------------------------------------------------------------------------------------------------------------------
-- The registry, from sensing.communities and sensing.places: each community's time zone, and the buildings, common areas
-- and energy subsystems (with their kind and building). The newest revision of each wins.
CREATE TABLE monitoring_community (
    community_id text        PRIMARY KEY,
    time_zone    text        NOT NULL CHECK (char_length(time_zone) BETWEEN 1 AND 64),
    revision     bigint      NOT NULL
);

CREATE TABLE monitoring_place (
    community_id   text   NOT NULL,
    kind           text   NOT NULL CHECK (kind IN ('BUILDING', 'COMMON_AREA', 'ENERGY_SUBSYSTEM')),
    place_id       text   NOT NULL,
    name           text   NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    building_id    text,
    subsystem_kind text,
    revision       bigint NOT NULL,
    PRIMARY KEY (community_id, kind, place_id),
    CHECK ((kind = 'ENERGY_SUBSYSTEM') = (subsystem_kind IS NOT NULL))
);

-- ---------------------------------------------------------------------------------------------------------------------
-- Environment: the latest value of each measure of each area (a sensor without an area is its own area), by observation
-- time, whatever order observations arrive in.
CREATE TABLE environment_latest (
    community_id text          NOT NULL,
    area_id      text          NOT NULL,
    measure      text          NOT NULL CHECK (measure IN ('TEMPERATURE', 'RELATIVE_HUMIDITY', 'PM25', 'CO2', 'NOISE_LEVEL')),
    value        numeric(12,4) NOT NULL,
    device_id    text          NOT NULL,
    observed_at  timestamptz   NOT NULL,
    PRIMARY KEY (community_id, area_id, measure)
);

-- One row per area, measure and hour (UTC hour start): how many samples, their sum, minimum and maximum. Raw observations
-- are not kept; the inbox (processed_event, consumer ops.environment) keeps a replayed observation from counting twice.
CREATE TABLE environment_hourly (
    community_id text          NOT NULL,
    area_id      text          NOT NULL,
    measure      text          NOT NULL CHECK (measure IN ('TEMPERATURE', 'RELATIVE_HUMIDITY', 'PM25', 'CO2', 'NOISE_LEVEL')),
    hour         timestamptz   NOT NULL CHECK (date_trunc('hour', hour) = hour),
    samples      integer       NOT NULL CHECK (samples > 0),
    total        numeric(20,4) NOT NULL,
    minimum      numeric(12,4) NOT NULL,
    maximum      numeric(12,4) NOT NULL,
    PRIMARY KEY (community_id, area_id, measure, hour),
    CHECK (minimum <= maximum)
);

-- Where each threshold rule stands for an area and measure, in observation time: since when the value has been at or above
-- the limit without an alert yet (above_since), or below the limit minus the hysteresis while an alert is active
-- (below_since). Observations older than last_observed_at are rolled up but not judged again.
CREATE TABLE environment_condition (
    community_id     text        NOT NULL,
    area_id          text        NOT NULL,
    measure          text        NOT NULL CHECK (measure IN ('PM25', 'CO2', 'NOISE_LEVEL')),
    last_observed_at timestamptz NOT NULL,
    above_since      timestamptz,
    below_since      timestamptz,
    PRIMARY KEY (community_id, area_id, measure)
);

-- A community's own thresholds for a measure, set by its property manager; a measure without a row uses the settings'.
CREATE TABLE environment_threshold (
    community_id     text          NOT NULL,
    measure          text          NOT NULL CHECK (measure IN ('PM25', 'CO2', 'NOISE_LEVEL')),
    day_limit        numeric(10,1) NOT NULL CHECK (day_limit > 0),
    night_limit      numeric(10,1) NOT NULL CHECK (night_limit > 0),
    hysteresis       numeric(10,1) NOT NULL CHECK (hysteresis >= 0),
    minimum_minutes  integer       NOT NULL CHECK (minimum_minutes BETWEEN 0 AND 1440),
    critical_margin  numeric(10,1) NOT NULL CHECK (critical_margin > 0),
    work_order_from  text          NOT NULL CHECK (work_order_from IN ('WARNING', 'CRITICAL', 'NEVER')),
    updated_at       timestamptz   NOT NULL,
    updated_by       text          NOT NULL CHECK (char_length(updated_by) BETWEEN 1 AND 128),
    PRIMARY KEY (community_id, measure),
    CHECK (hysteresis < day_limit AND hysteresis < night_limit)
);

-- ---------------------------------------------------------------------------------------------------------------------
-- Alerts of both kinds: one active per community, rule and source (an area for environment rules, a subsystem or area
-- for energy rules); the id is derived from the condition and when it was raised, so a replay raises nothing new.
CREATE TABLE monitoring_alert (
    id              uuid          PRIMARY KEY,
    community_id    text          NOT NULL,
    rule            text          NOT NULL CHECK (rule IN ('PM25', 'CO2', 'NOISE_LEVEL', 'LIGHTING_IN_DAYLIGHT', 'ABOVE_BASELINE')),
    source_id       text          NOT NULL,
    severity        text          NOT NULL CHECK (severity IN ('WARNING', 'CRITICAL')),
    status          text          NOT NULL CHECK (status IN ('ACTIVE', 'CLEARED')),
    title           text          NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    raised_at       timestamptz   NOT NULL,
    observed        numeric(20,6) NOT NULL,
    threshold       numeric(20,6) NOT NULL,
    unit            text          NOT NULL,
    peak            numeric(20,6) NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text          CHECK (char_length(acknowledged_by) BETWEEN 1 AND 128),
    cleared_at      timestamptz,
    cleared_value   numeric(20,6),
    work_order_id   uuid          REFERENCES work_order (id),
    CHECK ((status = 'CLEARED') = (cleared_at IS NOT NULL)),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
    CHECK (cleared_at IS NULL OR cleared_at >= raised_at)
);
CREATE UNIQUE INDEX monitoring_alert_one_active ON monitoring_alert (community_id, rule, source_id) WHERE status = 'ACTIVE';
CREATE INDEX monitoring_alert_community ON monitoring_alert (community_id, raised_at DESC, id DESC);

-- ---------------------------------------------------------------------------------------------------------------------
-- Energy: the registers of common-area and subsystem electricity and PV meters, kept for ops.monitoring.energy.raw-retention
-- (48 hours) so that an hour is recomputed whenever a reading of it, or of the hour after, arrives — late or repeated.
CREATE TABLE energy_reading (
    community_id text          NOT NULL,
    device_id    text          NOT NULL,
    occurred_at  timestamptz   NOT NULL,
    meter_type   text          NOT NULL CHECK (meter_type IN ('ELECTRICITY', 'PV_GENERATION')),
    area_id      text          NOT NULL,
    register     numeric(18,6) NOT NULL CHECK (register >= 0),
    PRIMARY KEY (community_id, device_id, occurred_at)
);
CREATE INDEX energy_reading_age ON energy_reading (occurred_at);

-- Each meter's energy per hour (UTC hour start): the sum of the increases of its register between consecutive readings,
-- each counted in the hour of the later reading; a register that went backwards (reset, replaced, fault) adds nothing.
CREATE TABLE energy_hourly (
    community_id text          NOT NULL,
    device_id    text          NOT NULL,
    hour         timestamptz   NOT NULL CHECK (date_trunc('hour', hour) = hour),
    meter_type   text          NOT NULL CHECK (meter_type IN ('ELECTRICITY', 'PV_GENERATION')),
    area_id      text          NOT NULL,
    energy       numeric(18,6) NOT NULL CHECK (energy >= 0),
    PRIMARY KEY (community_id, device_id, hour)
);
CREATE INDEX energy_hourly_community ON energy_hourly (community_id, hour);
CREATE INDEX energy_hourly_area ON energy_hourly (community_id, area_id, hour);

-- A community's daylight window for the lighting rule, in its time zone; without a row, the settings' (07:00-17:00).
CREATE TABLE energy_daylight (
    community_id text        PRIMARY KEY,
    starts       time        NOT NULL,
    ends         time        NOT NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL CHECK (char_length(updated_by) BETWEEN 1 AND 128),
    CHECK (ends > starts)
);

-- Time-of-use tariffs: versions by the local day they take effect, each a set of hour ranges covering the day with a period
-- (PEAK, FLAT, VALLEY) and a price in CNY per kWh. A version is never changed: a new tariff is a new version, so the cost
-- of days before its effective date stays what it was. Append-only (below).
CREATE TABLE tariff_version (
    community_id   text        NOT NULL,
    effective_from date        NOT NULL,
    created_at     timestamptz NOT NULL,
    created_by     text        NOT NULL CHECK (char_length(created_by) BETWEEN 1 AND 128),
    PRIMARY KEY (community_id, effective_from)
);

CREATE TABLE tariff_period (
    community_id   text         NOT NULL,
    effective_from date         NOT NULL,
    from_hour      smallint     NOT NULL CHECK (from_hour BETWEEN 0 AND 23),
    to_hour        smallint     NOT NULL CHECK (to_hour BETWEEN 1 AND 24),
    period         text         NOT NULL CHECK (period IN ('PEAK', 'FLAT', 'VALLEY')),
    price          numeric(8,4) NOT NULL CHECK (price >= 0),
    PRIMARY KEY (community_id, effective_from, from_hour),
    FOREIGN KEY (community_id, effective_from) REFERENCES tariff_version (community_id, effective_from),
    CHECK (to_hour > from_hour)
);

CREATE FUNCTION tariff_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tariff versions are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER tariff_version_append_only BEFORE UPDATE OR DELETE ON tariff_version
    FOR EACH ROW EXECUTE FUNCTION tariff_is_append_only();
CREATE TRIGGER tariff_version_no_truncate BEFORE TRUNCATE ON tariff_version
    FOR EACH STATEMENT EXECUTE FUNCTION tariff_is_append_only();
CREATE TRIGGER tariff_period_append_only BEFORE UPDATE OR DELETE ON tariff_period
    FOR EACH ROW EXECUTE FUNCTION tariff_is_append_only();
CREATE TRIGGER tariff_period_no_truncate BEFORE TRUNCATE ON tariff_period
    FOR EACH STATEMENT EXECUTE FUNCTION tariff_is_append_only();

-- As for the audit log (V3): every role but the tables' owner keeps SELECT and INSERT only.
DO $$
DECLARE
    holder regrole;
    tbl    text;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['tariff_version', 'tariff_period']
    LOOP
        FOR holder IN
            SELECT DISTINCT acl.grantee::regrole
            FROM pg_class c, aclexplode(c.relacl) AS acl
            WHERE c.oid = tbl::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
        LOOP
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', tbl, holder);
        END LOOP;
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM PUBLIC', tbl);
    END LOOP;
END;
$$;
