-- The platform's audit trail (docs/audit.md): one row per ActionAudited event of platform.audit (docs/events.md), from
-- every service — writes, reads of raw or personal data, refused reads, later logins. The primary key on the event id
-- keeps a redelivered event once. Append-only: nothing updates, deletes or truncates it, whoever asks.
CREATE TABLE audit_entry (
    event_id            uuid        PRIMARY KEY,
    occurred_at         timestamptz NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    kind                text        NOT NULL,
    service             text        NOT NULL,
    -- NULL when the action concerned no community (the event's communityId '-')
    community_id        text,
    actor_subject       text,
    actor_roles         text[]      NOT NULL,
    actor_household_id  text,
    actor_community_id  text,
    actor_community_ids text[]      NOT NULL,
    actor_street_id     text,
    method              text        NOT NULL,
    route               text,
    path                text        NOT NULL,
    query               text,
    path_variables      jsonb       NOT NULL,
    status              smallint    NOT NULL,
    client_address      text,
    forwarded_for       text,
    request_id          text
);
-- Newest first, by anything, by actor, by community: the admin's searches.
CREATE INDEX audit_entry_time ON audit_entry (occurred_at DESC, event_id DESC);
CREATE INDEX audit_entry_actor ON audit_entry (actor_subject, occurred_at DESC);
CREATE INDEX audit_entry_community ON audit_entry (community_id, occurred_at DESC);

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();

-- When the service runs as a role of its own (docs/security.md, database roles), every role but the table's owner (the
-- role this migration runs as) keeps SELECT and INSERT only, as for the credits ledger: UPDATE, DELETE and TRUNCATE
-- are then refused by PostgreSQL's privileges before the triggers are asked, and a role that does not own the table
-- cannot drop or disable them. Whatever the runtime role is called: every grantee on the table is found in its ACL.
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'audit_entry'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entry FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entry FROM PUBLIC;
