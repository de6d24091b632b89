-- The service runs as a role of its own (docs/security.md, database roles), which the owner's default privileges let
-- read and write every table of this schema. The ledger is append-only: here every role but its owner (the role this
-- migration runs as) keeps SELECT and INSERT only. UPDATE, DELETE and TRUNCATE are refused by PostgreSQL itself, before
-- the trigger is asked; and a role that does not own the table cannot drop or disable that trigger.
-- Whatever the runtime role is called: every grantee on the table is found in its ACL.
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'ledger_entry'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ledger_entry FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ledger_entry FROM PUBLIC;
