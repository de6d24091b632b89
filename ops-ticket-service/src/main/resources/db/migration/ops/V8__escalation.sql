-- Escalation (docs/operations.md, escalation): an active work order past its deadline goes up from the property company
-- to the community's residents' committee, and past the committee's own deadline to the street office. An order only
-- goes up; it keeps its state. Each level's deadline counts from the one before it, so it does not depend on when the
-- scheduled check ran.
ALTER TABLE work_order ADD COLUMN escalation_level text NOT NULL DEFAULT 'PROPERTY_COMPANY'
    CHECK (escalation_level IN ('PROPERTY_COMPANY', 'RESIDENTS_COMMITTEE', 'STREET_OFFICE'));
-- When the order reached its current level, and that level's deadline; both NULL at the property company, whose
-- deadline is the order's own.
ALTER TABLE work_order ADD COLUMN escalated_at timestamptz;
ALTER TABLE work_order ADD COLUMN level_deadline timestamptz;
ALTER TABLE work_order ADD CONSTRAINT work_order_escalated_has_level_deadline
    CHECK ((escalation_level = 'PROPERTY_COMPANY') = (escalated_at IS NULL)
           AND (escalated_at IS NULL) = (level_deadline IS NULL)
           AND (level_deadline IS NULL OR level_deadline > deadline));
-- What the scheduled check looks for: active orders below the top whose level's deadline passed.
CREATE INDEX work_order_escalation_due ON work_order ((coalesce(level_deadline, deadline)))
    WHERE status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') AND escalation_level <> 'STREET_OFFICE';

-- Each escalation of each order, once per level (the primary key): when, which deadline it missed, the new level's
-- deadline and its entry in the trail. Append-only, as the trail.
CREATE TABLE work_order_escalation (
    work_order_id   uuid        NOT NULL REFERENCES work_order (id),
    level           text        NOT NULL CHECK (level IN ('RESIDENTS_COMMITTEE', 'STREET_OFFICE')),
    from_level      text        NOT NULL CHECK (from_level IN ('PROPERTY_COMPANY', 'RESIDENTS_COMMITTEE')),
    escalated_at    timestamptz NOT NULL,
    missed_deadline timestamptz NOT NULL,
    level_deadline  timestamptz NOT NULL CHECK (level_deadline > missed_deadline),
    sequence        integer     NOT NULL CHECK (sequence >= 1),
    PRIMARY KEY (work_order_id, level)
);
-- Counted per community and period in the work-order summary.
CREATE INDEX work_order_escalation_at ON work_order_escalation (escalated_at);
CREATE FUNCTION work_order_escalation_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'work-order escalations are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER work_order_escalation_append_only
    BEFORE UPDATE OR DELETE ON work_order_escalation
    FOR EACH ROW EXECUTE FUNCTION work_order_escalation_is_append_only();
CREATE TRIGGER work_order_escalation_no_truncate
    BEFORE TRUNCATE ON work_order_escalation
    FOR EACH STATEMENT EXECUTE FUNCTION work_order_escalation_is_append_only();
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'work_order_escalation'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON work_order_escalation FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON work_order_escalation FROM PUBLIC;

-- The trail also keeps what is not a change of state: an escalation (from_state = to_state, with the level reached)
-- and a comment (a note by someone who may read the order).
ALTER TABLE work_order_change ADD COLUMN kind text NOT NULL DEFAULT 'TRANSITION'
    CHECK (kind IN ('TRANSITION', 'ESCALATION', 'COMMENT'));
ALTER TABLE work_order_change ADD COLUMN escalation_level text
    CHECK (escalation_level IN ('RESIDENTS_COMMITTEE', 'STREET_OFFICE'));
ALTER TABLE work_order_change ADD CONSTRAINT work_order_change_escalation_has_level
    CHECK ((kind = 'ESCALATION') = (escalation_level IS NOT NULL));
