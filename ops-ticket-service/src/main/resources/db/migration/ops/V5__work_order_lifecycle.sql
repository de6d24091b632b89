-- The work-order lifecycle (docs/operations.md, work-order lifecycle): OPEN -> ASSIGNED -> IN_PROGRESS -> RESOLVED ->
-- CLOSED, reopened from RESOLVED or CLOSED. RESOLVED and CLOSED are the states that need no more work; every other
-- state is active, and a source still has at most one active order of a type.
ALTER TABLE work_order DROP CONSTRAINT work_order_status_check;
ALTER TABLE work_order ADD CONSTRAINT work_order_status_check
    CHECK (status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'));

-- Who handles the order: a staff member's token subject or a team name; kept when the order is resolved or reopened.
ALTER TABLE work_order ADD COLUMN assignee text CHECK (char_length(assignee) BETWEEN 1 AND 128);
-- References (URLs or ids) to photos of the resolution.
ALTER TABLE work_order ADD COLUMN resolution_photos text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(resolution_photos) <= 10 AND octet_length(array_to_string(resolution_photos, '')) <= 10 * 2000);
-- Closed: verified by the property manager, or for a bin confirmed by the bin's own low reading (closed_by 'platform').
ALTER TABLE work_order ADD COLUMN closed_at timestamptz;
ALTER TABLE work_order ADD COLUMN closed_by text;
ALTER TABLE work_order ADD COLUMN closing_note text CHECK (char_length(closing_note) BETWEEN 1 AND 500);

-- V1's "resolved exactly when it has a resolution" now counts CLOSED too (a closed order keeps its resolution).
ALTER TABLE work_order DROP CONSTRAINT work_order_check1;
ALTER TABLE work_order ADD CONSTRAINT work_order_resolved_has_resolution
    CHECK ((status IN ('RESOLVED', 'CLOSED')) = (resolved_at IS NOT NULL));
ALTER TABLE work_order ADD CONSTRAINT work_order_closed_has_closing
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (closed_by IS NULL));
ALTER TABLE work_order ADD CONSTRAINT work_order_assigned_has_assignee
    CHECK (status NOT IN ('ASSIGNED', 'IN_PROGRESS') OR assignee IS NOT NULL);

DROP INDEX work_order_one_active_per_source;
CREATE UNIQUE INDEX work_order_one_active_per_source ON work_order (community_id, type, source_id)
    WHERE status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS');
DROP INDEX work_order_resolved_source;
CREATE INDEX work_order_resolved_source ON work_order (community_id, type, source_id, resolved_at DESC)
    WHERE status IN ('RESOLVED', 'CLOSED');
-- A staff member's queue: their active orders, soonest deadline first.
CREATE INDEX work_order_assignee ON work_order (assignee, deadline) WHERE status IN ('ASSIGNED', 'IN_PROGRESS');

-- Each order's trail: one row per change after it opened, numbered from 1; what WorkOrderChanged (ops.work-orders)
-- announces. Append-only, as the audit log (V3).
CREATE TABLE work_order_change (
    work_order_id uuid        NOT NULL REFERENCES work_order (id),
    sequence      integer     NOT NULL CHECK (sequence >= 1),
    changed_at    timestamptz NOT NULL,
    actor         text        NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 128),
    from_state    text        NOT NULL CHECK (from_state IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
    to_state      text        NOT NULL CHECK (to_state IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
    assignee      text        CHECK (char_length(assignee) BETWEEN 1 AND 128),
    note          text        CHECK (char_length(note) BETWEEN 1 AND 500),
    photos        text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(photos) <= 10),
    PRIMARY KEY (work_order_id, sequence)
);
CREATE FUNCTION work_order_change_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'work-order changes are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER work_order_change_append_only
    BEFORE UPDATE OR DELETE ON work_order_change
    FOR EACH ROW EXECUTE FUNCTION work_order_change_is_append_only();
CREATE TRIGGER work_order_change_no_truncate
    BEFORE TRUNCATE ON work_order_change
    FOR EACH STATEMENT EXECUTE FUNCTION work_order_change_is_append_only();
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'work_order_change'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON work_order_change FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON work_order_change FROM PUBLIC;
