-- Restatements, and baselines recomputed on registry changes (below).
--
-- Restatements (docs/accounting.md#restating-history-under-another-version): a community's local months recomputed
-- under another published methodology version, from the stored activity (the daily consumption rollups, the recorded
-- reductions' activity), beside the figures as recorded and the versions behind them. A restatement is a report:
-- nothing recorded changes (no reduction, no credit). The same request (community, methodology, version, months) is
-- one restatement, answered again as first computed; a report is a record, inserted and never changed.
CREATE TABLE restatement (
    id             uuid         PRIMARY KEY,
    community_id   text         NOT NULL,
    methodology_id text         NOT NULL,
    version        integer      NOT NULL,
    from_month     date         NOT NULL CHECK (extract(day FROM from_month) = 1),
    to_month       date         NOT NULL CHECK (extract(day FROM to_month) = 1),
    -- the community's time zone its months were cut in
    time_zone      varchar(64)  NOT NULL,
    grid_region    varchar(64)  NOT NULL,
    requested_by   varchar(200) NOT NULL,
    requested_at   timestamptz  NOT NULL,
    CHECK (to_month >= from_month),
    UNIQUE (community_id, methodology_id, version, from_month, to_month)
);
CREATE INDEX restatement_community ON restatement (community_id, requested_at DESC);

-- One line per month and source: EMISSIONS of a meter type (households or common areas), AVOIDED by PV generation,
-- or a REDUCTION behaviour. original as recorded, priced by the factors recorded with it (original_factor_ids, their
-- versions in original_versions); restated: the same activity under the version's factor (null when it has none).
CREATE TABLE restatement_line (
    restatement_id     uuid          NOT NULL REFERENCES restatement,
    line               integer       NOT NULL,
    month              date          NOT NULL,
    kind               text          NOT NULL CHECK (kind IN ('EMISSIONS', 'AVOIDED', 'REDUCTION')),
    scope              text          NOT NULL,
    source             text          NOT NULL,
    activity           numeric(20,6) NOT NULL,
    activity_unit      text          NOT NULL,
    items              bigint        NOT NULL,
    original           numeric(20,6) NOT NULL,
    original_unit      text          NOT NULL,
    original_versions  text[]        NOT NULL,
    original_factor_ids bigint[]     NOT NULL,
    restated           numeric(20,6),
    restated_unit      text,
    restated_factor_id bigint,
    PRIMARY KEY (restatement_id, line),
    CHECK ((restated IS NULL) = (restated_factor_id IS NULL))
);

CREATE FUNCTION restatement_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are records: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER restatement_append_only BEFORE UPDATE OR DELETE ON restatement
    FOR EACH ROW EXECUTE FUNCTION restatement_is_append_only();
CREATE TRIGGER restatement_line_append_only BEFORE UPDATE OR DELETE ON restatement_line
    FOR EACH ROW EXECUTE FUNCTION restatement_is_append_only();

-- Baselines recomputed on registry changes (docs/accounting.md#baselines-recomputed-when-the-registry-changes): when a
-- household's members change (sensing.places) or its electricity meter is replaced (sensing.devices), the baselines of
-- its months not yet settled — the month of the change and the running month — are recomputed and recorded with what
-- caused it, the old and the new value. A month in which a meter was replaced is not usable for savings: the readings
-- between the old meter's last and the new one's first are lost, which would look like a saving.
CREATE TABLE baseline_recomputation (
    cause_event_id   uuid          NOT NULL,
    month            date          NOT NULL CHECK (extract(day FROM month) = 1),
    community_id     text          NOT NULL,
    household_id     text          NOT NULL,
    reason           text          NOT NULL CHECK (reason IN ('MEMBERS_CHANGED', 'METER_REPLACED')),
    -- the local day of the change: for a meter, the day the new one was installed
    changed_on       date          NOT NULL,
    detail           varchar(300)  NOT NULL,
    old_baseline_kwh numeric(18,3),
    old_source       text,
    new_baseline_kwh numeric(18,3),
    new_source       text,
    recomputed_at    timestamptz   NOT NULL,
    PRIMARY KEY (cause_event_id, month)
);
CREATE INDEX baseline_recomputation_household ON baseline_recomputation (community_id, household_id, month);
CREATE TRIGGER baseline_recomputation_append_only BEFORE UPDATE OR DELETE ON baseline_recomputation
    FOR EACH ROW EXECUTE FUNCTION restatement_is_append_only();

-- The runtime role keeps SELECT and INSERT only (the owner's default privileges granted it more).
DO $$
DECLARE
    holder regrole;
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['restatement', 'restatement_line', 'baseline_recomputation']
    LOOP
        FOR holder IN
            SELECT DISTINCT acl.grantee::regrole
            FROM pg_class c, aclexplode(c.relacl) AS acl
            WHERE c.oid = t::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
        LOOP
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', t, holder);
        END LOOP;
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON restatement, restatement_line, baseline_recomputation FROM PUBLIC;
