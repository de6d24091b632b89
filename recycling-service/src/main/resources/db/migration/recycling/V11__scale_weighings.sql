-- Connected scales (docs/recycling.md#connected-scales): a recycling-scale of the community weighs a pickup's goods
-- category by category over MQTT; the sensing service forwards each weighing (sensing.scale-weighings) and it is
-- recorded here once, applied to the pickup or refused with its reason. The collection then settles the pickup with
-- what the scale weighed.

-- Every weighing received, once: the event id (derived from community, scale and the scale's weighing id) is the inbox.
CREATE TABLE scale_weighing (
    event_id         uuid          PRIMARY KEY,
    community_id     varchar(64)   NOT NULL,
    device_id        varchar(64)   NOT NULL,
    weighing_id      varchar(64)   NOT NULL,
    -- the pickup the scale named, and the pickup it was recorded on: the same, when that pickup is of the scale's community
    named_pickup_id  uuid          NOT NULL,
    pickup_id        uuid          REFERENCES pickup_booking (id),
    category         varchar(40)   NOT NULL,
    weight_kg        numeric(7, 3) NOT NULL CHECK (weight_kg > 0 AND weight_kg <= 1000),
    measured_at      timestamptz   NOT NULL,
    received_at      timestamptz   NOT NULL,
    recorded_at      timestamptz   NOT NULL,
    outcome          varchar(8)    NOT NULL CHECK (outcome IN ('APPLIED', 'REJECTED')),
    reason           varchar(24)   CHECK (reason IN ('UNKNOWN_PICKUP', 'NOT_DISPATCHED', 'PICKUP_CLOSED', 'CATEGORY_NOT_PRICED',
                                                     'CATEGORY_NOT_TAKEN', 'CATEGORY_TOO_HEAVY')),
    detail           varchar(300),
    UNIQUE (community_id, device_id, weighing_id),
    CHECK (pickup_id IS NULL OR pickup_id = named_pickup_id),
    CHECK ((outcome = 'APPLIED' AND reason IS NULL AND detail IS NULL AND pickup_id IS NOT NULL)
        OR (outcome = 'REJECTED' AND reason IS NOT NULL AND detail IS NOT NULL))
);
CREATE INDEX scale_weighing_pickup ON scale_weighing (pickup_id) WHERE pickup_id IS NOT NULL;
CREATE INDEX scale_weighing_community ON scale_weighing (community_id, recorded_at DESC, event_id);

-- Who weighed each settled category: the collector at the door, or the community's scales (their device ids).
ALTER TABLE pickup_item
    ADD COLUMN source        varchar(9) NOT NULL DEFAULT 'COLLECTOR' CHECK (source IN ('COLLECTOR', 'SCALE')),
    ADD COLUMN scale_devices text[],
    ADD CONSTRAINT pickup_item_scale_devices CHECK ((source = 'SCALE') = (scale_devices IS NOT NULL));
