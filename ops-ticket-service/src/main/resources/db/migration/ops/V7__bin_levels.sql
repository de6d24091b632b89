-- The latest fill level of each bin, for the dashboard's plan of the drop points. One row per bin, moved forward only by a
-- newer reading: a replayed or late reading changes nothing.
CREATE TABLE bin_level (
    community_id  text          NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    device_id     text          NOT NULL CHECK (char_length(device_id) BETWEEN 1 AND 64),
    drop_point_id text          CHECK (char_length(drop_point_id) BETWEEN 1 AND 64),
    waste_kind    text          CHECK (char_length(waste_kind) BETWEEN 1 AND 32),
    filling_level numeric(5, 4) NOT NULL CHECK (filling_level BETWEEN 0 AND 1),
    observed_at   timestamptz   NOT NULL,
    PRIMARY KEY (community_id, device_id)
);
