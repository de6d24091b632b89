-- Tamper evidence (docs/credits.md#tamper-evidence). Every ledger entry is chained to the previous entry of its
-- account: entry_hash = SHA-256 of the entry's canonical form, which includes prev_hash, the entry_hash of the entry
-- before it (32 zero bytes for an account's first). The account row holds the chain's length and head; the service
-- locks that row (the balance upsert) while it appends, so two writers never chain to the same predecessor, and the
-- unique (account, account_seq) refuses it if one ever tried.

ALTER TABLE credit_account
    ADD COLUMN chain_length bigint NOT NULL DEFAULT 0 CHECK (chain_length >= 0),
    ADD COLUMN head_hash    bytea CHECK (head_hash IS NULL OR octet_length(head_hash) = 32);

ALTER TABLE ledger_entry
    ADD COLUMN account_seq bigint,
    ADD COLUMN prev_hash   bytea,
    ADD COLUMN entry_hash  bytea;

-- The canonical form of an entry, as text: 13 lines, each ended by a line feed (no field may hold a control
-- character; the service refuses one). Timestamps in UTC with exactly six decimals, as PostgreSQL stores them;
-- ids lower-case; hashes lower-case hex. sha256(convert_to(ledger_entry_canonical(e), 'UTF8')) = e.entry_hash.
-- The service computes the same bytes in Java (ledger/EntryHash); a test holds the two equal.
CREATE FUNCTION ledger_entry_canonical(e ledger_entry) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(E'\n',
               'cc-ledger-entry/1',
               e.id::text,
               e.community_id,
               e.household_id,
               e.account_seq::text,
               e.amount::text,
               e.balance_after::text,
               e.kind,
               e.reason,
               e.source_event_id::text,
               to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               encode(e.prev_hash, 'hex'))
           || E'\n'
$$;

-- Existing entries are chained in the order they were written: an account's entries by recorded_at, and within one
-- transaction (one recorded_at) by the running balance they left, then by id.
ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only;
DO $$
DECLARE
    entry     ledger_entry;
    community text := NULL;
    household text := NULL;
    previous  bytea;
    seq_no  bigint;
BEGIN
    FOR entry IN
        SELECT * FROM ledger_entry
        ORDER BY community_id COLLATE "C", household_id COLLATE "C", recorded_at, balance_after, id
    LOOP
        IF community IS DISTINCT FROM entry.community_id OR household IS DISTINCT FROM entry.household_id THEN
            IF community IS NOT NULL THEN
                UPDATE credit_account SET chain_length = seq_no, head_hash = previous
                WHERE community_id = community AND household_id = household;
            END IF;
            community := entry.community_id;
            household := entry.household_id;
            previous := decode(repeat('00', 32), 'hex');
            seq_no := 0;
        END IF;
        seq_no := seq_no + 1;
        entry.account_seq := seq_no;
        entry.prev_hash := previous;
        entry.entry_hash := sha256(convert_to(ledger_entry_canonical(entry), 'UTF8'));
        UPDATE ledger_entry SET account_seq = entry.account_seq, prev_hash = entry.prev_hash, entry_hash = entry.entry_hash
        WHERE id = entry.id;
        previous := entry.entry_hash;
    END LOOP;
    IF community IS NOT NULL THEN
        UPDATE credit_account SET chain_length = seq_no, head_hash = previous
        WHERE community_id = community AND household_id = household;
    END IF;
END;
$$;
ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only;

ALTER TABLE ledger_entry
    ALTER COLUMN account_seq SET NOT NULL,
    ALTER COLUMN prev_hash SET NOT NULL,
    ALTER COLUMN entry_hash SET NOT NULL,
    ADD CONSTRAINT ledger_entry_account_seq_positive CHECK (account_seq >= 1),
    ADD CONSTRAINT ledger_entry_hashes_are_sha256 CHECK (octet_length(prev_hash) = 32 AND octet_length(entry_hash) = 32),
    ADD CONSTRAINT ledger_entry_one_entry_per_position UNIQUE (community_id, household_id, account_seq);

-- Checkpoints: every interval, the root over all accounts' chain heads, published as a LedgerCheckpointed event per
-- community that changed. A rewrite of history — even by a superuser who recomputes the chains — no longer ends in the
-- heads a checkpoint sealed, and the roots already published outside the database cannot be taken back.
CREATE TABLE ledger_checkpoint (
    id          bigint      PRIMARY KEY CHECK (id >= 1),
    created_at  timestamptz NOT NULL,
    root        bytea       NOT NULL CHECK (octet_length(root) = 32),
    communities integer     NOT NULL CHECK (communities >= 0),
    accounts    bigint      NOT NULL CHECK (accounts >= 0),
    entries     bigint      NOT NULL CHECK (entries >= 0)
);

-- A community's root at a checkpoint, written when it differs from the community's previous one.
CREATE TABLE ledger_checkpoint_community (
    checkpoint_id bigint  NOT NULL REFERENCES ledger_checkpoint (id),
    community_id  text    NOT NULL,
    root          bytea   NOT NULL CHECK (octet_length(root) = 32),
    accounts      bigint  NOT NULL CHECK (accounts >= 0),
    entries       bigint  NOT NULL CHECK (entries >= 0),
    PRIMARY KEY (community_id, checkpoint_id)
);

-- An account's chain head at a checkpoint, written when the account changed since its previous one.
CREATE TABLE ledger_checkpoint_head (
    checkpoint_id bigint NOT NULL REFERENCES ledger_checkpoint (id),
    community_id  text   NOT NULL,
    household_id  text   NOT NULL,
    chain_length  bigint NOT NULL CHECK (chain_length >= 1),
    head_hash     bytea  NOT NULL CHECK (octet_length(head_hash) = 32),
    PRIMARY KEY (community_id, household_id, checkpoint_id)
);

-- Append-only like the ledger: the trigger refuses its owner, and the runtime role keeps SELECT and INSERT only.
CREATE TRIGGER ledger_checkpoint_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoint
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();
CREATE TRIGGER ledger_checkpoint_community_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoint_community
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();
CREATE TRIGGER ledger_checkpoint_head_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoint_head
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();

DO $$
DECLARE
    protected regclass;
    holder    regrole;
BEGIN
    FOREACH protected IN ARRAY ARRAY['ledger_checkpoint', 'ledger_checkpoint_community', 'ledger_checkpoint_head']::regclass[]
    LOOP
        FOR holder IN
            SELECT DISTINCT acl.grantee::regrole
            FROM pg_class c, aclexplode(c.relacl) AS acl
            WHERE c.oid = protected AND acl.grantee <> c.relowner AND acl.grantee <> 0
        LOOP
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM %s', protected, holder);
        END LOOP;
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM PUBLIC', protected);
    END LOOP;
END;
$$;
