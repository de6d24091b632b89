-- Open311 partner apps and residents' evaluations (docs/open311.md).
--
-- A partner app (a city's FixMyStreet, a mini-program operator) files and follows a community's requests with the
-- standard's api_key. The key is shown once when it is issued; only its SHA-256 is kept, found by the short prefix the
-- key starts with and compared in constant time by the service. Keys are revoked, never deleted, so a partner's requests
-- keep naming the key they came through.
CREATE TABLE open311_partner_key (
    id           uuid        PRIMARY KEY,
    community_id text        NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    prefix       text        NOT NULL UNIQUE CHECK (prefix ~ '^[A-Za-z0-9_-]{12}$'),
    key_sha256   bytea       NOT NULL CHECK (octet_length(key_sha256) = 32),
    daily_limit  integer     NOT NULL CHECK (daily_limit BETWEEN 1 AND 10000),
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL CHECK (char_length(created_by) BETWEEN 1 AND 128),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   text        CHECK (char_length(revoked_by) BETWEEN 1 AND 128),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
    CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE INDEX open311_partner_key_community ON open311_partner_key (community_id, created_at DESC);

-- The service reads, issues and revokes keys; it never deletes one (the owner's default privileges granted DELETE to
-- every runtime role on the table: taken back here, whatever the role is called).
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'open311_partner_key'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON open311_partner_key FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE ALL ON open311_partner_key FROM PUBLIC;

-- A request filed by a partner has no household: the key that filed it is kept instead (and the reporter is the key).
ALTER TABLE resident_report ALTER COLUMN household_id DROP NOT NULL;
ALTER TABLE resident_report ADD COLUMN partner_key_id uuid REFERENCES open311_partner_key (id);
ALTER TABLE resident_report ADD CONSTRAINT resident_report_filed_by_one
    CHECK ((household_id IS NULL) = (partner_key_id IS NOT NULL));
CREATE INDEX resident_report_partner ON resident_report (partner_key_id, requested_at) WHERE partner_key_id IS NOT NULL;

-- The filing resident's evaluation of the resolved order, once: satisfied closes it, not satisfied reopens it.
ALTER TABLE resident_report ADD COLUMN evaluated_at timestamptz;
ALTER TABLE resident_report ADD COLUMN satisfied boolean;
ALTER TABLE resident_report ADD COLUMN evaluation_comment text CHECK (char_length(evaluation_comment) BETWEEN 1 AND 400);
ALTER TABLE resident_report ADD CONSTRAINT resident_report_evaluation
    CHECK ((evaluated_at IS NULL) = (satisfied IS NULL) AND (evaluated_at IS NULL OR household_id IS NOT NULL)
           AND (satisfied IS NOT FALSE OR evaluation_comment IS NOT NULL));
-- the request-updates extension reads the trails of a community's requests by time
CREATE INDEX work_order_change_time ON work_order_change (changed_at);
