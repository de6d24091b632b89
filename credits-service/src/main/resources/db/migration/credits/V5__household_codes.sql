-- One household, one code (一户一码; docs/credits.md#household-codes). A household's code is 16 random bytes that the
-- resident's app shows as a signed QR payload; merchants and the property team resolve it without learning the
-- household id. At most one code of a household is current; a rotated or revoked code ends and never resolves again.
CREATE TABLE household_code (
    id           uuid        PRIMARY KEY,
    code         bytea       NOT NULL UNIQUE CHECK (octet_length(code) = 16),
    community_id text        NOT NULL,
    household_id text        NOT NULL,
    issued_at    timestamptz NOT NULL,
    issued_by    text        NOT NULL,
    ended_at     timestamptz,
    ended_by     text,
    end_reason   text        CHECK (end_reason IN ('ROTATED', 'REVOKED')),
    CONSTRAINT household_code_ended CHECK ((ended_at IS NULL) = (end_reason IS NULL) AND (ended_at IS NULL) = (ended_by IS NULL))
);
CREATE UNIQUE INDEX household_code_one_current ON household_code (community_id, household_id) WHERE ended_at IS NULL;
CREATE INDEX household_code_household ON household_code (community_id, household_id, issued_at DESC);

-- The runtime role issues codes and ends them; it never deletes one (the history of a household's codes stays).
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'household_code'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON household_code FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON household_code FROM PUBLIC;
