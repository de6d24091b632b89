-- Electricity saved against a household's baseline, settled once per household and local month
-- (docs/accounting.md#electricity-saved-against-a-baseline). The monthly settlement job writes one row per household
-- with electricity readings in the month, whatever the outcome, and records an ELECTRICITY_SAVING reduction for the
-- rows it inserted with outcome SAVED, in the same transaction; a household-month is settled once (the primary key),
-- and a settlement is a record: inserted, never changed.
CREATE TABLE electricity_settlement (
    id                 uuid          NOT NULL UNIQUE,
    community_id       text          NOT NULL,
    household_id       text          NOT NULL,
    month              date          NOT NULL CHECK (extract(day FROM month) = 1),
    outcome            text          NOT NULL CHECK (outcome IN ('SAVED', 'NO_SAVING', 'NO_BASELINE', 'INSUFFICIENT_DATA',
                                                                 'FLAGGED_READINGS', 'NO_FACTOR')),
    actual_kwh         numeric(18,3) NOT NULL CHECK (actual_kwh >= 0),
    days_with_readings integer       NOT NULL CHECK (days_with_readings >= 0),
    days_in_month      integer       NOT NULL CHECK (days_in_month BETWEEN 28 AND 31),
    flagged_readings   integer       NOT NULL CHECK (flagged_readings >= 0),
    baseline_kwh       numeric(18,3) CHECK (baseline_kwh >= 0),
    baseline_source    text          CHECK (baseline_source IN ('SAME_MONTH_LAST_YEAR', 'FIRST_MONTHS', 'COMMUNITY_TYPE_MEDIAN')),
    baseline_basis     varchar(200),
    saving_kwh         numeric(18,3) NOT NULL CHECK (saving_kwh >= 0),
    reduction_id       uuid,
    settled_at         timestamptz   NOT NULL,
    PRIMARY KEY (community_id, household_id, month),
    CHECK ((baseline_kwh IS NULL) = (baseline_source IS NULL)),
    CHECK ((outcome = 'SAVED') = (reduction_id IS NOT NULL))
);
CREATE INDEX electricity_settlement_month ON electricity_settlement (community_id, month);

CREATE FUNCTION electricity_settlement_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'electricity settlements are records: % refused', TG_OP;
END;
$$;
CREATE TRIGGER electricity_settlement_append_only BEFORE UPDATE OR DELETE ON electricity_settlement
    FOR EACH ROW EXECUTE FUNCTION electricity_settlement_is_append_only();

-- The runtime role keeps SELECT and INSERT only (the owner's default privileges granted it more).
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'electricity_settlement'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON electricity_settlement FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON electricity_settlement FROM PUBLIC;
