-- When each device was last heard from, and whether it counts as online (docs/devices.md, device health). One row
-- per device that ever spoke; instances merge what they heard (the latest wins), so the table is the truth
-- whichever instance received a device's messages.
CREATE TABLE device_seen (
    community_id      registry_id  NOT NULL,
    device_id         registry_id  NOT NULL,
    device_type       varchar(24)  NOT NULL,
    last_seen_at      timestamptz  NOT NULL,
    last_observed_at  timestamptz  NOT NULL,
    online            boolean      NOT NULL,
    status_changed_at timestamptz  NOT NULL,
    PRIMARY KEY (community_id, device_id),
    FOREIGN KEY (community_id, device_id) REFERENCES device
);
-- The offline check reads online devices by how long they have been silent.
CREATE INDEX device_seen_online ON device_seen (last_seen_at) WHERE online;
