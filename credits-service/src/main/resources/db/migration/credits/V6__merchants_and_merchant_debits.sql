-- Merchants (docs/credits.md#merchants): onboarded per community by its property manager, with their own users (the
-- token's subject: a MERCHANT token names no merchant, so this table says which one a user acts for). A merchant
-- scans a household's code and debits an amount; the debit is a MERCHANT_DEBIT ledger entry, chained like every
-- entry, and its reversal a new MERCHANT_DEBIT_REVERSAL entry.

CREATE TABLE merchant (
    id            uuid        PRIMARY KEY,
    community_id  text        NOT NULL,
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    active        boolean     NOT NULL,
    onboarded_at  timestamptz NOT NULL,
    onboarded_by  text        NOT NULL,
    CONSTRAINT merchant_name_per_community UNIQUE (community_id, name)
);

-- A user acts for one merchant at most.
CREATE TABLE merchant_user (
    subject      text        PRIMARY KEY CHECK (char_length(subject) BETWEEN 1 AND 255),
    merchant_id  uuid        NOT NULL REFERENCES merchant (id),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    added_at     timestamptz NOT NULL,
    added_by     text        NOT NULL
);
CREATE INDEX merchant_user_merchant ON merchant_user (merchant_id);

-- One row per debit, written in the transaction that debits the account. The idempotency key is the merchant's.
CREATE TABLE merchant_debit (
    id              uuid        PRIMARY KEY,
    merchant_id     uuid        NOT NULL REFERENCES merchant (id),
    community_id    text        NOT NULL,
    household_id    text        NOT NULL,
    household_ref   text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    amount          bigint      NOT NULL CHECK (amount BETWEEN 1 AND 100000000),
    item_id         uuid        REFERENCES catalogue_item (id),
    entry_id        uuid        NOT NULL UNIQUE REFERENCES ledger_entry (id),
    debited_by      text        NOT NULL,
    debited_at      timestamptz NOT NULL,
    CONSTRAINT merchant_debit_idempotency UNIQUE (merchant_id, idempotency_key)
);
CREATE INDEX merchant_debit_merchant ON merchant_debit (merchant_id, debited_at DESC, id);
CREATE INDEX merchant_debit_community ON merchant_debit (community_id, debited_at);

CREATE TABLE merchant_debit_reversal (
    debit_id     uuid        PRIMARY KEY REFERENCES merchant_debit (id),
    entry_id     uuid        NOT NULL UNIQUE REFERENCES ledger_entry (id),
    reason       text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
    reversed_by  text        NOT NULL,
    reversed_at  timestamptz NOT NULL
);
CREATE INDEX merchant_debit_reversal_at ON merchant_debit_reversal (reversed_at);

-- Debits and reversals are records, like the ledger: append-only for everyone, the runtime role keeps SELECT and
-- INSERT only. Merchants and their users are changed, never deleted.
CREATE TRIGGER merchant_debit_append_only BEFORE UPDATE OR DELETE ON merchant_debit
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();
CREATE TRIGGER merchant_debit_reversal_append_only BEFORE UPDATE OR DELETE ON merchant_debit_reversal
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();

DO $$
DECLARE
    protected regclass;
    holder    regrole;
BEGIN
    FOREACH protected IN ARRAY ARRAY['merchant_debit', 'merchant_debit_reversal']::regclass[]
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
    FOREACH protected IN ARRAY ARRAY['merchant', 'merchant_user']::regclass[]
    LOOP
        FOR holder IN
            SELECT DISTINCT acl.grantee::regrole
            FROM pg_class c, aclexplode(c.relacl) AS acl
            WHERE c.oid = protected AND acl.grantee <> c.relowner AND acl.grantee <> 0
        LOOP
            EXECUTE format('REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM %s', protected, holder);
        END LOOP;
        EXECUTE format('REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM PUBLIC', protected);
    END LOOP;
END;
$$;
