-- Each waste bin's capacity as the device registry has it (topic sensing.devices, DeviceChanged.capacityKg;
-- docs/credits.md#anti-fraud-per-bin): a drop heavier than its bin's registered capacity is flagged, never credited; a bin
-- without a row, or with no capacity, is judged against credits.earning.bin-capacity-kg of its kind. One row per bin,
-- the registry's newest state: a record of an older revision than the row's, redelivered or out of order, changes nothing.
CREATE TABLE bin_capacity (
    community_id text          NOT NULL,
    device_id    text          NOT NULL,
    capacity_kg  numeric(7,3)  CHECK (capacity_kg > 0 AND capacity_kg <= 2000),
    revision     bigint        NOT NULL CHECK (revision > 0),
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (community_id, device_id)
);
