-- Meter registers as reported. delta is the consumption since the device's previous reading: NULL for a
-- device's first reading and after a register went backwards (meter replaced or reset).
CREATE TABLE meter_reading (
    event_id     uuid          PRIMARY KEY,
    community_id text          NOT NULL,
    device_id    text          NOT NULL,
    meter_type   text          NOT NULL,
    household_id text,
    area_id      text,
    observed_at  timestamptz   NOT NULL,
    register     numeric(18,6) NOT NULL CHECK (register >= 0),
    unit         text          NOT NULL,
    delta        numeric(18,6) CHECK (delta >= 0),
    CHECK ((household_id IS NULL) <> (area_id IS NULL)),
    UNIQUE (device_id, observed_at)
);
CREATE INDEX meter_reading_household ON meter_reading (community_id, household_id, observed_at) WHERE household_id IS NOT NULL;
CREATE INDEX meter_reading_community ON meter_reading (community_id, observed_at);

-- Every deposit at a sorting bin, kept for participation and sorting-accuracy figures.
CREATE TABLE waste_deposit (
    event_id         uuid          PRIMARY KEY,
    community_id     text          NOT NULL,
    device_id        text          NOT NULL,
    household_id     text          NOT NULL,
    waste_kind       text          NOT NULL,
    weight_kg        numeric(10,3) NOT NULL CHECK (weight_kg > 0),
    correctly_sorted boolean       NOT NULL,
    observed_at      timestamptz   NOT NULL
);
CREATE INDEX waste_deposit_household ON waste_deposit (community_id, household_id, observed_at);

-- Reductions credited to a household, at most one per evidencing event.
CREATE TABLE carbon_reduction (
    id                 uuid          PRIMARY KEY,
    community_id       text          NOT NULL,
    household_id       text          NOT NULL,
    behaviour          text          NOT NULL,
    activity_value     numeric(18,6) NOT NULL,
    activity_unit      text          NOT NULL,
    reduction_kg_co2e  numeric(18,6) NOT NULL CHECK (reduction_kg_co2e > 0),
    methodology        text          NOT NULL,
    factor             numeric(12,6) NOT NULL,
    source_event_id    uuid          NOT NULL UNIQUE,
    occurred_at        timestamptz   NOT NULL,
    recorded_at        timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX carbon_reduction_household ON carbon_reduction (community_id, household_id, occurred_at DESC);
