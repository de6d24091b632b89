-- Redemption (docs/credits.md#redemption): a catalogue per community, and the redemptions that spend a household's
-- credits on its items. A redemption debits the account with a REDEMPTION ledger entry, chained like every entry; a
-- reversal is a new REDEMPTION_REVERSAL entry, never an edit.

CREATE TABLE catalogue_item (
    id           uuid        PRIMARY KEY,
    community_id text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('MERCHANT_GOODS', 'PROPERTY_FEE', 'COMMUNITY_REWARD')),
    name_zh      text        NOT NULL CHECK (char_length(name_zh) BETWEEN 1 AND 100),
    name_en      text        NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 100),
    price        bigint      NOT NULL CHECK (price BETWEEN 1 AND 100000000),
    -- never below zero: a redemption decrements it with a conditional update
    stock        integer     NOT NULL CHECK (stock >= 0),
    valid_from   timestamptz NOT NULL,
    valid_until  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT catalogue_item_window CHECK (valid_until > valid_from)
);
CREATE INDEX catalogue_item_community ON catalogue_item (community_id, valid_until, id);

-- One row per redemption, written in the transaction that decrements the stock and debits the account. The
-- idempotency key is the household's: the same key again answers with this row.
CREATE TABLE redemption (
    id              uuid        PRIMARY KEY,
    community_id    text        NOT NULL,
    household_id    text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    item_id         uuid        NOT NULL REFERENCES catalogue_item (id),
    quantity        integer     NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    credits         bigint      NOT NULL CHECK (credits > 0),
    balance_after   bigint      NOT NULL CHECK (balance_after >= 0),
    entry_id        uuid        NOT NULL UNIQUE REFERENCES ledger_entry (id),
    redeemed_at     timestamptz NOT NULL,
    CONSTRAINT redemption_idempotency UNIQUE (community_id, household_id, idempotency_key)
);
CREATE INDEX redemption_household ON redemption (community_id, household_id, redeemed_at DESC, id);

-- At most one reversal per redemption (the primary key): reversing twice gives the first reversal back.
CREATE TABLE redemption_reversal (
    redemption_id uuid        PRIMARY KEY REFERENCES redemption (id),
    entry_id      uuid        NOT NULL UNIQUE REFERENCES ledger_entry (id),
    reason        text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
    balance_after bigint      NOT NULL CHECK (balance_after >= 0),
    reversed_by   text        NOT NULL,
    reversed_at   timestamptz NOT NULL
);

-- Redemptions and reversals are records, like the ledger: append-only for everyone, the runtime role keeps SELECT and
-- INSERT only (as V2 does for ledger_entry).
CREATE TRIGGER redemption_append_only BEFORE UPDATE OR DELETE ON redemption
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();
CREATE TRIGGER redemption_reversal_append_only BEFORE UPDATE OR DELETE ON redemption_reversal
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();

DO $$
DECLARE
    protected regclass;
    holder    regrole;
BEGIN
    FOREACH protected IN ARRAY ARRAY['redemption', 'redemption_reversal']::regclass[]
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
