-- Shared tools: the community's ladders, drills and carts, added by its property team, and residents' bookings of
-- them — a calendar where two active bookings of a tool never overlap (checked under the tool's row lock), picked up
-- and returned at the property office.
CREATE TABLE shared_tool (
    id              uuid        PRIMARY KEY,
    community_id    text        NOT NULL CHECK (community_id ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description     text        CHECK (length(description) BETWEEN 1 AND 500),
    -- The deposit a booking of it asks, in credits (held and released by the credits service, once it does).
    deposit_credits integer     NOT NULL CHECK (deposit_credits BETWEEN 0 AND 100000),
    added_at        timestamptz NOT NULL,
    added_by        text        NOT NULL CHECK (length(added_by) BETWEEN 1 AND 255)
);
CREATE INDEX shared_tool_community ON shared_tool (community_id, name, id);

CREATE TABLE tool_booking (
    id              uuid        PRIMARY KEY,
    tool_id         uuid        NOT NULL REFERENCES shared_tool (id),
    community_id    text        NOT NULL,
    household_id    text        NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('BOOKED', 'PICKED_UP', 'RETURNED', 'CANCELLED')),
    deposit_credits integer     NOT NULL CHECK (deposit_credits BETWEEN 0 AND 100000),
    booked_at       timestamptz NOT NULL,
    picked_up_at    timestamptz,
    returned_at     timestamptz,
    cancelled_at    timestamptz,
    CHECK (starts_at < ends_at),
    CHECK (status <> 'BOOKED' OR (picked_up_at IS NULL AND returned_at IS NULL AND cancelled_at IS NULL)),
    CHECK (status <> 'PICKED_UP' OR (picked_up_at IS NOT NULL AND returned_at IS NULL)),
    CHECK (status <> 'RETURNED' OR (picked_up_at IS NOT NULL AND returned_at IS NOT NULL)),
    CHECK (status <> 'CANCELLED' OR (cancelled_at IS NOT NULL AND picked_up_at IS NULL))
);
-- A tool's calendar: its active bookings by end.
CREATE INDEX tool_booking_calendar ON tool_booking (tool_id, ends_at) WHERE status IN ('BOOKED', 'PICKED_UP');
-- A household's bookings, newest first.
CREATE INDEX tool_booking_household ON tool_booking (community_id, household_id, starts_at DESC);
