-- Anti-fraud per bin (docs/credits.md#earning-rules): the drops the bins reported (topic sensing.waste-deposits), so a
-- sorting reduction is judged against the bin it came from — a drop heavier than the bin's capacity, or more credited
-- drops at one bin within a minute than a bin can take, is flagged, never credited. One row per deposit event: the
-- primary key makes a redelivered deposit a no-op. Rows are facts the bins reported: inserted, never changed.
CREATE TABLE bin_deposit (
    event_id     uuid          PRIMARY KEY,
    community_id text          NOT NULL,
    device_id    text          NOT NULL,
    household_id text          NOT NULL,
    waste_kind   text          NOT NULL,
    weight_kg    numeric(10,3) NOT NULL CHECK (weight_kg > 0),
    occurred_at  timestamptz   NOT NULL,
    recorded_at  timestamptz   NOT NULL
);

-- The bin a decision was about, when the reduction came from a bin's drop; the device velocity limit counts these.
ALTER TABLE earning_event ADD COLUMN device_id text;
CREATE INDEX earning_event_device_time ON earning_event (community_id, device_id, occurred_at) WHERE device_id IS NOT NULL;

CREATE TRIGGER bin_deposit_append_only BEFORE UPDATE OR DELETE ON bin_deposit
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();

DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'bin_deposit'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON bin_deposit FROM %s', holder);
    END LOOP;
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON bin_deposit FROM PUBLIC;
END;
$$;
