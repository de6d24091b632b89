-- Off-peak scheduling (docs/operations.md, "Off-peak scheduling"): waste deposits counted per community and hour, each
-- community's off-peak window for each day of the week computed from them, and the planned tasks placed into the windows.
-- (V13: V10 was already the residents' reports, and V11 and V12 are taken by the sorting and report work.)

-- How many deposits each community's bins took in each hour (UTC hour start). The inbox (processed_event, consumer
-- ops.offpeak-deposits) keeps a redelivered deposit from counting twice; hours older than the trailing days plus a week
-- are deleted by the hourly recomputation.
CREATE TABLE deposit_hourly (
    community_id text    NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    hour         timestamptz NOT NULL CHECK (date_trunc('hour', hour) = hour),
    deposits     integer NOT NULL CHECK (deposits > 0),
    PRIMARY KEY (community_id, hour)
);

-- A community's working hours for planned tasks, local whole hours; without a row, the settings' (06:00-22:00).
CREATE TABLE offpeak_working_hours (
    community_id text        PRIMARY KEY CHECK (char_length(community_id) BETWEEN 1 AND 64),
    start_hour   smallint    NOT NULL CHECK (start_hour BETWEEN 0 AND 23),
    end_hour     smallint    NOT NULL CHECK (end_hour BETWEEN 1 AND 24),
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL CHECK (char_length(updated_by) BETWEEN 1 AND 128),
    CHECK (end_hour > start_hour)
);

-- The current off-peak window of each day of the week (ISO: 1 = Monday), local hours, with the figures that chose it
-- over the trailing days: deposits and common-area electricity in its hours, the day's deposits and its busiest hour.
CREATE TABLE offpeak_window (
    community_id          text          NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    day_of_week           smallint      NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    start_hour            smallint      NOT NULL CHECK (start_hour BETWEEN 0 AND 23),
    end_hour              smallint      NOT NULL CHECK (end_hour BETWEEN 1 AND 24),
    deposits              bigint        NOT NULL CHECK (deposits >= 0),
    energy_kwh            numeric(20,6) NOT NULL CHECK (energy_kwh >= 0),
    day_deposits          bigint        NOT NULL CHECK (day_deposits >= deposits),
    busiest_hour          smallint      NOT NULL CHECK (busiest_hour BETWEEN 0 AND 23),
    busiest_hour_deposits bigint        NOT NULL CHECK (busiest_hour_deposits >= 0),
    computed_at           timestamptz   NOT NULL,
    PRIMARY KEY (community_id, day_of_week),
    CHECK (end_hour > start_hour)
);

-- Bin clearing and maintenance placed into the windows: the slot is where it is now; placements counts how many times it
-- was placed (1 when created, one more each time moving windows re-placed it before it began). The occurrences of a
-- recurring task share a series id, each due within its own days (not_before .. due_by).
CREATE TABLE planned_task (
    id               uuid        PRIMARY KEY,
    community_id     text        NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    kind             text        NOT NULL CHECK (kind IN ('BIN_CLEARING', 'MAINTENANCE')),
    title            text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    duration_minutes integer     NOT NULL CHECK (duration_minutes BETWEEN 15 AND 720),
    drop_point_id    text        CHECK (char_length(drop_point_id) BETWEEN 1 AND 64),
    area_id          text        CHECK (char_length(area_id) BETWEEN 1 AND 64),
    not_before       date,
    due_by           date,
    slot_start       timestamptz NOT NULL,
    slot_end         timestamptz NOT NULL,
    placements       integer     NOT NULL CHECK (placements >= 1),
    placed_at        timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    created_by       text        NOT NULL CHECK (char_length(created_by) BETWEEN 1 AND 128),
    series_id        uuid,
    occurrence       smallint    CHECK (occurrence BETWEEN 1 AND 28),
    CHECK ((series_id IS NULL) = (occurrence IS NULL)),
    CHECK (slot_end > slot_start),
    CHECK (not_before IS NULL OR due_by IS NULL OR due_by >= not_before)
);
CREATE INDEX planned_task_slot ON planned_task (community_id, slot_start);
