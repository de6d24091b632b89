-- One account per household: the balance is the sum of its ledger entries, kept in step in the same
-- transaction, and can never go negative.
CREATE TABLE credit_account (
    community_id text        NOT NULL,
    household_id text        NOT NULL,
    balance      bigint      NOT NULL DEFAULT 0 CHECK (balance >= 0),
    earned_total bigint      NOT NULL DEFAULT 0 CHECK (earned_total >= 0),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, household_id)
);

-- The ledger: append-only. Each entry names the event that caused it, at most once.
CREATE TABLE ledger_entry (
    id              uuid        PRIMARY KEY,
    community_id    text        NOT NULL,
    household_id    text        NOT NULL,
    amount          bigint      NOT NULL CHECK (amount <> 0),
    balance_after   bigint      NOT NULL CHECK (balance_after >= 0),
    kind            text        NOT NULL,
    reason          text        NOT NULL,
    source_event_id uuid        NOT NULL UNIQUE,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (community_id, household_id) REFERENCES credit_account (community_id, household_id)
);
CREATE INDEX ledger_entry_household ON ledger_entry (community_id, household_id, recorded_at DESC, id);

CREATE FUNCTION ledger_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER ledger_entry_append_only
    BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();
