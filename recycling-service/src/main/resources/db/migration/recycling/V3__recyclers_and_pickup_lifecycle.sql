-- Licensed recycling companies, the communities they serve and their collectors; and the life of a pickup booking
-- after it is booked: dispatched to a recycler, accepted, on the way, collected, or cancelled with a reason.

-- A licensed recycling company. Its id is a short name chosen at onboarding (it appears in URLs and events).
-- The categories it takes and how many pickups it can be dispatched a day decide automatic dispatch.
CREATE TABLE recycler (
    id                      text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name                    text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    licence_number          text        NOT NULL UNIQUE CHECK (licence_number ~ '^[A-Za-z0-9-]{1,40}$'),
    categories              text[]      NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 20),
    daily_capacity          integer     NOT NULL CHECK (daily_capacity BETWEEN 1 AND 10000),
    -- The community whose property manager (or an admin for it) onboarded the company: its manager alone, besides
    -- admins, adds the company's collectors.
    registered_community_id text        NOT NULL,
    registered_at           timestamptz NOT NULL,
    registered_by           text        NOT NULL
);

-- Where a company serves: a community's property manager adds a registered company to their community.
CREATE TABLE recycler_community (
    community_id text        NOT NULL,
    recycler_id  text        NOT NULL REFERENCES recycler (id),
    added_at     timestamptz NOT NULL,
    added_by     text        NOT NULL,
    PRIMARY KEY (community_id, recycler_id)
);

-- A company's collectors (and dispatchers): the users of role RECYCLER who act for it, by their token's subject.
-- A user acts for one company at most.
CREATE TABLE recycler_collector (
    id          uuid        PRIMARY KEY,
    recycler_id text        NOT NULL REFERENCES recycler (id),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    subject     text        NOT NULL UNIQUE CHECK (length(subject) BETWEEN 1 AND 255),
    added_at    timestamptz NOT NULL,
    added_by    text        NOT NULL
);
CREATE INDEX recycler_collector_recycler ON recycler_collector (recycler_id);

ALTER TABLE pickup_booking
    ADD COLUMN recycler_id         text        REFERENCES recycler (id),
    -- The booking's step number, raised by every transition: the event id of each step derives from it.
    ADD COLUMN sequence            integer     NOT NULL DEFAULT 1 CHECK (sequence >= 1),
    ADD COLUMN dispatched_at       timestamptz,
    ADD COLUMN accepted_at         timestamptz,
    ADD COLUMN departed_at         timestamptz,
    ADD COLUMN collected_at        timestamptz,
    ADD COLUMN cancelled_at        timestamptz,
    ADD COLUMN cancelled_by        text        CHECK (cancelled_by IN ('RESIDENT', 'RECYCLER', 'PROPERTY_MANAGER', 'ADMIN')),
    ADD COLUMN cancel_reason       text        CHECK (length(cancel_reason) BETWEEN 1 AND 200),
    -- When the missed dispatch or arrival deadline was reported: each is reported once.
    ADD COLUMN dispatch_missed_at  timestamptz,
    ADD COLUMN arrival_missed_at   timestamptz,
    ADD CONSTRAINT pickup_booking_status
        CHECK (status IN ('REQUESTED', 'DISPATCHED', 'ACCEPTED', 'ON_THE_WAY', 'COLLECTED', 'CANCELLED')),
    ADD CONSTRAINT pickup_booking_assigned
        CHECK (status IN ('REQUESTED', 'CANCELLED') OR (recycler_id IS NOT NULL AND dispatched_at IS NOT NULL)),
    ADD CONSTRAINT pickup_booking_cancelled
        CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL AND cancel_reason IS NOT NULL));

-- A recycler's orders, newest first; and its dispatches of a day, counted against its capacity.
CREATE INDEX pickup_booking_recycler ON pickup_booking (recycler_id, requested_at DESC, id DESC) WHERE recycler_id IS NOT NULL;
CREATE INDEX pickup_booking_recycler_dispatched ON pickup_booking (recycler_id, dispatched_at) WHERE recycler_id IS NOT NULL;
-- What the dispatcher and the deadline watch look at: bookings still waiting, by deadline.
CREATE INDEX pickup_booking_waiting_dispatch ON pickup_booking (dispatch_due_at) WHERE status = 'REQUESTED';
CREATE INDEX pickup_booking_waiting_arrival ON pickup_booking (arrival_due_at)
    WHERE status IN ('REQUESTED', 'DISPATCHED', 'ACCEPTED', 'ON_THE_WAY') AND arrival_missed_at IS NULL;
