-- Levels of reductions (docs/accounting.md#who-a-reduction-belongs-to-person-household-community): behaviour reductions
-- belong to the person who acted when the evidence names one, metered energy to the household, PV generation to the
-- community.

-- A resident's pseudonym in reductions and events: random, made the first time a reduction names the resident, never
-- changed. Events and rows carry it instead of the account's subject, so a consumer of accounting.carbon-reductions
-- learns no login id, and nobody can derive it from a subject.
CREATE TABLE resident_person (
    subject    text        PRIMARY KEY CHECK (length(subject) BETWEEN 1 AND 255),
    person_ref uuid        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
);

-- The member of the household whose behaviour it was; NULL when the evidence names no person (a bin drop, a pickup)
-- and always for saved electricity (the household's meter) and PV generation (the community's).
ALTER TABLE carbon_reduction ADD COLUMN person_ref uuid;
ALTER TABLE carbon_reduction ADD CONSTRAINT carbon_reduction_person_level
    CHECK (person_ref IS NULL OR behaviour NOT IN ('ELECTRICITY_SAVING', 'PV_GENERATION'));
-- PV generation is the community's, recorded under its reserved account '~community' (as the credits service names the
-- community's own account); no household reduction may use that account.
ALTER TABLE carbon_reduction ADD CONSTRAINT carbon_reduction_community_level
    CHECK ((behaviour = 'PV_GENERATION') = (household_id = '~community'));
CREATE INDEX carbon_reduction_person ON carbon_reduction (community_id, household_id, person_ref, occurred_at)
    WHERE person_ref IS NOT NULL;

-- Green trips credited before: the resident the trip's link named.
INSERT INTO resident_person (subject, person_ref, created_at)
SELECT DISTINCT t.subject, gen_random_uuid(), now() FROM travel_trip t WHERE t.reduction_id IS NOT NULL
ON CONFLICT DO NOTHING;
UPDATE carbon_reduction r SET person_ref = p.person_ref
FROM travel_trip t JOIN resident_person p ON p.subject = t.subject
WHERE t.reduction_id = r.id;

-- A community's PV generation settled per local month: the OK deltas of its PV meters in the month × the grid factor of
-- its methodology version on the month's last day, one row per community and month whatever the outcome; the
-- PV_GENERATION reduction is recorded by the transaction that inserted the row. A settlement is a record.
CREATE TABLE pv_settlement (
    id               uuid          NOT NULL UNIQUE,
    community_id     text          NOT NULL,
    month            date          NOT NULL CHECK (extract(day FROM month) = 1),
    outcome          text          NOT NULL CHECK (outcome IN ('CREDITED', 'NO_GENERATION', 'NO_FACTOR')),
    generation_kwh   numeric(18,3) NOT NULL CHECK (generation_kwh >= 0),
    readings         integer       NOT NULL CHECK (readings >= 0),
    flagged_readings integer       NOT NULL CHECK (flagged_readings >= 0),
    factor_id        bigint        REFERENCES methodology_factor,
    reduction_id     uuid,
    settled_at       timestamptz   NOT NULL,
    PRIMARY KEY (community_id, month),
    CHECK ((outcome = 'CREDITED') = (reduction_id IS NOT NULL)),
    CHECK (outcome <> 'CREDITED' OR factor_id IS NOT NULL)
);

CREATE FUNCTION pv_settlement_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are records: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER pv_settlement_append_only BEFORE UPDATE OR DELETE ON pv_settlement
    FOR EACH ROW EXECUTE FUNCTION pv_settlement_is_append_only();
CREATE TRIGGER resident_person_append_only BEFORE UPDATE OR DELETE ON resident_person
    FOR EACH ROW EXECUTE FUNCTION pv_settlement_is_append_only();

-- The runtime role keeps SELECT and INSERT only on both (the owner's default privileges granted it more).
DO $$
DECLARE
    holder regrole;
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['resident_person', 'pv_settlement'] LOOP
        FOR holder IN
            SELECT DISTINCT acl.grantee::regrole
            FROM pg_class c, aclexplode(c.relacl) AS acl
            WHERE c.oid = t::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
        LOOP
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', t, holder);
        END LOOP;
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM PUBLIC', t);
    END LOOP;
END;
$$;
