-- A resident's booking of a free door-to-door pickup. Community and household come from the resident's
-- token. The deadlines are the service levels in force when the booking was made (dispatch within 1 hour,
-- at the door within 24 hours by default), fixed on the row so a later change of settings does not move
-- the promise made to a resident.
CREATE TABLE pickup_booking (
    id                  uuid          PRIMARY KEY,
    community_id        text          NOT NULL,
    household_id        text          NOT NULL,
    -- The client's Idempotency-Key and a SHA-256 of the normalised request: a retry with the same key
    -- and the same request is answered with this row; the same key with another request is refused.
    idempotency_key     text          NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{1,64}$'),
    request_hash        text          NOT NULL CHECK (length(request_hash) = 64),
    categories          text[]        NOT NULL CHECK (cardinality(categories) > 0),
    estimated_weight_kg numeric(7, 3) NOT NULL CHECK (estimated_weight_kg > 0 AND estimated_weight_kg <= 1000),
    address             text          CHECK (length(address) <= 200),
    preferred_from      timestamptz,
    preferred_until     timestamptz,
    note                text          CHECK (length(note) <= 500),
    status              text          NOT NULL,
    requested_at        timestamptz   NOT NULL,
    dispatch_due_at     timestamptz   NOT NULL,
    arrival_due_at      timestamptz   NOT NULL,
    CHECK ((preferred_from IS NULL) = (preferred_until IS NULL)),
    CHECK (preferred_from < preferred_until),
    CHECK (dispatch_due_at >= requested_at AND arrival_due_at >= requested_at),
    -- Two concurrent requests with the same key cannot both insert: the second waits for the first and
    -- is then answered as a replay.
    CONSTRAINT pickup_booking_idempotency UNIQUE (community_id, household_id, idempotency_key)
);

-- A household's own bookings, newest first.
CREATE INDEX pickup_booking_household ON pickup_booking (community_id, household_id, requested_at DESC, id DESC);
-- A community's bookings, newest first, optionally by status.
CREATE INDEX pickup_booking_community ON pickup_booking (community_id, requested_at DESC, id DESC);
CREATE INDEX pickup_booking_community_status ON pickup_booking (community_id, status, requested_at DESC, id DESC);
