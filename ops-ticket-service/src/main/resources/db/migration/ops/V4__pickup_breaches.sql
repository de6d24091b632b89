-- Late recycling pickups (docs/operations.md, late recycling pickups): each PickupDeadlineMissed of the recycling
-- service's recycling.pickup-deadlines (docs/events.md) opens a work order and is counted against the recycler the
-- pickup was assigned to; the steps of recycling.pickups that settle a breach resolve its order.

ALTER TABLE work_order DROP CONSTRAINT work_order_type_check;
ALTER TABLE work_order ADD CONSTRAINT work_order_type_check
    CHECK (type IN ('BIN_OVERFLOW', 'DEVICE_OFFLINE', 'BUILDING_DEVICES_OFFLINE', 'PICKUP_DISPATCH_LATE', 'PICKUP_VISIT_LATE'));

-- What an order's type adds to it, as a flat JSON object of short texts: for a late pickup its pickupId, the
-- missed deadline and dueAt, and the recyclerId when one was assigned. Set when the order opens, never changed.
ALTER TABLE work_order ADD COLUMN details jsonb
    CHECK (details IS NULL OR (jsonb_typeof(details) = 'object' AND octet_length(details::text) <= 2000));

-- One row per missed deadline of a pickup: the event's id is derived from the pickup and the deadline, so a
-- redelivered or replayed breach is the same row. Counted per recycler by due_at; append-only (below).
CREATE TABLE pickup_breach (
    event_id      uuid        PRIMARY KEY,
    community_id  text        NOT NULL,
    pickup_id     uuid        NOT NULL,
    deadline      text        NOT NULL CHECK (deadline IN ('DISPATCH', 'ARRIVAL')),
    -- the recycler the pickup was assigned to when the breach was noticed; NULL when nobody was dispatched yet
    recycler_id   text        CHECK (char_length(recycler_id) BETWEEN 1 AND 64),
    due_at        timestamptz NOT NULL,
    noticed_at    timestamptz NOT NULL,
    work_order_id uuid        NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (pickup_id, deadline)
);
CREATE INDEX pickup_breach_community ON pickup_breach (community_id, due_at);

-- The steps of each pickup that settle a breach, from recycling.pickups: when it was first seen dispatched (or
-- further along), and when it ended (collected or cancelled). Kept whatever order the two topics arrive in, so a
-- breach noticed after the step that settles it is resolved at once.
CREATE TABLE pickup_progress (
    community_id  text        NOT NULL,
    pickup_id     uuid        PRIMARY KEY,
    dispatched_at timestamptz,
    ended_at      timestamptz,
    ended_as      text        CHECK (ended_as IN ('COLLECTED', 'CANCELLED')),
    CHECK ((ended_at IS NULL) = (ended_as IS NULL))
);

-- Orders of one pickup, for the steps that resolve them.
CREATE INDEX work_order_pickup ON work_order (source_id) WHERE type IN ('PICKUP_DISPATCH_LATE', 'PICKUP_VISIT_LATE');

CREATE FUNCTION pickup_breach_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'pickup breaches are append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER pickup_breach_append_only
    BEFORE UPDATE OR DELETE ON pickup_breach
    FOR EACH ROW EXECUTE FUNCTION pickup_breach_is_append_only();

CREATE TRIGGER pickup_breach_no_truncate
    BEFORE TRUNCATE ON pickup_breach
    FOR EACH STATEMENT EXECUTE FUNCTION pickup_breach_is_append_only();

-- As for the audit log (V3): every role but the table's owner keeps SELECT and INSERT only.
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'pickup_breach'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON pickup_breach FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON pickup_breach FROM PUBLIC;
