-- Which devices are online, from the sensing service's sensing.device-status (docs/events.md), for work orders on
-- devices — or a share of a building's devices — silent past a limit (docs/operations.md, silent devices). One row
-- per device that ever spoke; a later status replaces an earlier one, whatever order they arrive in.
CREATE TABLE device_connectivity (
    community_id    text        NOT NULL,
    device_id       text        NOT NULL,
    device_type     text        NOT NULL,
    building_id     text,
    online          boolean     NOT NULL,
    last_seen_at    timestamptz NOT NULL,
    -- when the sensing service noticed the latest change (the event's occurredAt)
    changed_at      timestamptz NOT NULL,
    status_event_id uuid        NOT NULL,
    PRIMARY KEY (community_id, device_id)
);
CREATE INDEX device_connectivity_offline ON device_connectivity (changed_at) WHERE NOT online;
CREATE INDEX device_connectivity_building ON device_connectivity (community_id, building_id) WHERE building_id IS NOT NULL;

ALTER TABLE work_order DROP CONSTRAINT work_order_type_check;
ALTER TABLE work_order ADD CONSTRAINT work_order_type_check
    CHECK (type IN ('BIN_OVERFLOW', 'DEVICE_OFFLINE', 'BUILDING_DEVICES_OFFLINE'));

-- Devices retired in the registry: never counted again, whatever status of theirs arrives late.
CREATE TABLE retired_device (
    community_id text NOT NULL,
    device_id    text NOT NULL,
    PRIMARY KEY (community_id, device_id)
);
