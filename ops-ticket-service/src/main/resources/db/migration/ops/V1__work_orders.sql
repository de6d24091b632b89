-- Work orders: a problem to handle by a deadline, owned by a community's property team until a person is
-- assigned. Opened by the service from sensor data; resolved by the property side with a note.
CREATE TABLE work_order (
    id              uuid        PRIMARY KEY,
    community_id    text        NOT NULL,
    type            text        NOT NULL CHECK (type IN ('BIN_OVERFLOW')),
    -- What is at fault: a bin's device id for BIN_OVERFLOW.
    source_id       text        NOT NULL,
    -- The event that opened the order; its id is derived from this one, so a replay cannot open another.
    source_event_id uuid        NOT NULL UNIQUE,
    title           text        NOT NULL,
    observed        numeric     NOT NULL,
    threshold       numeric     NOT NULL,
    -- The unit of observed and threshold (RATIO for a fill level).
    unit            text        NOT NULL,
    -- Later states (ASSIGNED, IN_PROGRESS, ESCALATED) extend this check; every state but RESOLVED is active.
    status          text        NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    owner           text        NOT NULL,
    opened_at       timestamptz NOT NULL,
    deadline        timestamptz NOT NULL,
    resolved_at     timestamptz,
    resolved_by     text,
    resolution_note text        CHECK (char_length(resolution_note) BETWEEN 1 AND 500),
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Optimistic locking of state changes.
    version         bigint      NOT NULL DEFAULT 0,
    CHECK (deadline > opened_at),
    -- Resolved exactly when it has a resolution.
    CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL)),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution_note IS NULL))
);

-- At most one active order per source and type: opening one is INSERT ... ON CONFLICT DO NOTHING against
-- this index, so concurrent or replayed readings can never open a second.
CREATE UNIQUE INDEX work_order_one_active_per_source ON work_order (community_id, type, source_id)
    WHERE status <> 'RESOLVED';

-- A source's last resolution, which older readings must not reopen.
CREATE INDEX work_order_resolved_source ON work_order (community_id, type, source_id, resolved_at DESC)
    WHERE status = 'RESOLVED';

-- A community's orders, newest first, all or in one status.
CREATE INDEX work_order_community ON work_order (community_id, opened_at DESC, id DESC);
CREATE INDEX work_order_community_status ON work_order (community_id, status, opened_at DESC, id DESC);
