-- Monthly reports (docs/operations.md, monthly reports): the figures every service publishes per community and month on
-- reports.monthly-figures, the street each community belongs to, and the reports kept once a month is over.

-- The street (街道) of a community, from the registry's sensing.communities; NULL when it has none.
ALTER TABLE monitoring_community ADD COLUMN street_id text CHECK (char_length(street_id) BETWEEN 1 AND 64);
CREATE INDEX monitoring_community_street ON monitoring_community (street_id) WHERE street_id IS NOT NULL;

-- The newest revision of each source's figures of a community's month: a lower or equal revision arriving later
-- changes nothing. Its figures are the rows of monthly_figure.
CREATE TABLE monthly_figures_received (
    community_id text        NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    month        text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    source       text        NOT NULL CHECK (source IN ('SENSING', 'ACCOUNTING', 'CREDITS', 'RECYCLING', 'OPS')),
    revision     integer     NOT NULL CHECK (revision >= 1),
    complete     boolean     NOT NULL,
    zone         text        NOT NULL CHECK (char_length(zone) BETWEEN 1 AND 64),
    counted_at   timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (community_id, month, source)
);
CREATE INDEX monthly_figures_received_month ON monthly_figures_received (month, community_id);

CREATE TABLE monthly_figure (
    community_id text           NOT NULL,
    month        text           NOT NULL,
    source       text           NOT NULL,
    name         text           NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    value        numeric(19, 6) NOT NULL CHECK (value >= 0),
    unit         text           NOT NULL CHECK (char_length(unit) BETWEEN 1 AND 32),
    PRIMARY KEY (community_id, month, source, name),
    FOREIGN KEY (community_id, month, source) REFERENCES monthly_figures_received ON DELETE CASCADE
);

-- The kept monthly reports of a community or a street: the report as composed when it was generated (snapshot), and
-- what it was composed from (digest over each community's sources and revisions); json, not jsonb, so that it is
-- returned byte for byte as kept. A late revision of a source makes a
-- new revision of the report; the old ones stay. Append-only for the application.
CREATE TABLE monthly_report (
    id            uuid        PRIMARY KEY,
    scope         text        NOT NULL CHECK (scope IN ('COMMUNITY', 'STREET')),
    scope_id      text        NOT NULL CHECK (char_length(scope_id) BETWEEN 1 AND 64),
    month         text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    revision      integer     NOT NULL CHECK (revision >= 1),
    community_ids text[]      NOT NULL CHECK (cardinality(community_ids) BETWEEN 1 AND 1000),
    complete      boolean     NOT NULL,
    digest        text        NOT NULL,
    snapshot      json        NOT NULL,
    generated_at  timestamptz NOT NULL,
    UNIQUE (scope, scope_id, month, revision)
);
CREATE INDEX monthly_report_month ON monthly_report (month DESC, scope, scope_id, revision DESC);
CREATE INDEX monthly_report_communities ON monthly_report USING gin (community_ids);

CREATE FUNCTION monthly_report_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'kept monthly reports are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER monthly_report_append_only
    BEFORE UPDATE OR DELETE ON monthly_report
    FOR EACH ROW EXECUTE FUNCTION monthly_report_is_append_only();
CREATE TRIGGER monthly_report_no_truncate
    BEFORE TRUNCATE ON monthly_report
    FOR EACH STATEMENT EXECUTE FUNCTION monthly_report_is_append_only();
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'monthly_report'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON monthly_report FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON monthly_report FROM PUBLIC;
