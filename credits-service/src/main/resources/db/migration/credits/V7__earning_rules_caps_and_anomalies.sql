-- Earning rules as configuration (docs/credits.md#earning-rules). A community's rules are versions: each applies to the
-- behaviours that occurred from its effective date until the next version's, so a change never reprices the past —
-- and the ledger's entries are never rewritten anyway. Versions are records: inserted, never changed.
CREATE TABLE earning_rules (
    community_id   text        NOT NULL,
    effective_from timestamptz NOT NULL,
    document       jsonb       NOT NULL,
    published_by   text        NOT NULL,
    published_at   timestamptz NOT NULL,
    PRIMARY KEY (community_id, effective_from)
);

-- One row per reduction the ledger decided on: what it credited, what a cap withheld, or why it was flagged and not
-- credited. Caps are counted from here per household, behaviour and local day (the community's time zone); the
-- property team's anomaly list is the FLAGGED rows; the monthly rating reads it.
CREATE TABLE earning_event (
    event_id     uuid        PRIMARY KEY,
    community_id text        NOT NULL,
    household_id text        NOT NULL,
    behaviour    text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    local_day    date        NOT NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('CREDITED', 'CAPPED', 'FLAGGED')),
    credits      bigint      NOT NULL CHECK (credits >= 0),
    withheld     bigint      NOT NULL CHECK (withheld >= 0),
    note         text        NOT NULL,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX earning_event_household_day ON earning_event (community_id, household_id, local_day);
CREATE INDEX earning_event_household_time ON earning_event (community_id, household_id, occurred_at);
CREATE INDEX earning_event_flagged ON earning_event (community_id, recorded_at DESC) WHERE outcome = 'FLAGGED';
CREATE INDEX earning_event_community_day ON earning_event (community_id, local_day);

CREATE TRIGGER earning_rules_append_only BEFORE UPDATE OR DELETE ON earning_rules
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();
CREATE TRIGGER earning_event_append_only BEFORE UPDATE OR DELETE ON earning_event
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();

DO $$
DECLARE
    protected regclass;
    holder    regrole;
BEGIN
    FOREACH protected IN ARRAY ARRAY['earning_rules', 'earning_event']::regclass[]
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
