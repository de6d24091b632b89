-- Green travel from partner platforms (docs/accounting.md#green-travel-from-partners): partners onboarded by an admin,
-- residents' links with them, the trips partners report and the batches they report them in.

-- A partner platform (bike sharing, public transport, a map app), onboarded by an admin: the modes it may report and
-- the communities it serves. Admins change its name, modes and communities; a partner is never deleted (its trips name it).
CREATE TABLE travel_partner (
    id          text         PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,47}$'),
    name        varchar(200) NOT NULL,
    modes       text[]       NOT NULL CHECK (cardinality(modes) BETWEEN 1 AND 10),
    communities text[]       NOT NULL CHECK (cardinality(communities) BETWEEN 1 AND 500),
    created_by  text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_by  text         NOT NULL,
    updated_at  timestamptz  NOT NULL
);

-- A resident's link with a partner: the pseudonym (rider) the partner reports the resident's trips with. It is random,
-- one per resident and partner, so a partner learns no household id and two partners cannot match their riders.
-- Unlinking ends it (unlinked_at); a link is otherwise never changed.
CREATE TABLE travel_link (
    partner_id   text        NOT NULL REFERENCES travel_partner (id),
    rider        text        NOT NULL CHECK (rider ~ '^[A-Za-z0-9_-]{22}$'),
    subject      text        NOT NULL,
    community_id text        NOT NULL,
    household_id text        NOT NULL,
    linked_at    timestamptz NOT NULL,
    unlinked_at  timestamptz CHECK (unlinked_at >= linked_at),
    PRIMARY KEY (partner_id, rider)
);
-- at most one live link per resident and partner
CREATE UNIQUE INDEX travel_link_live ON travel_link (partner_id, subject) WHERE unlinked_at IS NULL;
CREATE INDEX travel_link_subject ON travel_link (subject);

-- A trip a partner reported and the platform accepted: credited (reduction_id), recorded without credit (the
-- community's methodology has no factor for the mode), or a duplicate of a trip another report already accepted for
-- the same resident (duplicate_of). Refused lines are not stored. A trip is a record: inserted, never changed.
CREATE TABLE travel_trip (
    id           uuid          PRIMARY KEY,
    partner_id   text          NOT NULL REFERENCES travel_partner (id),
    trip_ref     varchar(64)   NOT NULL,
    batch_id     varchar(64)   NOT NULL,
    subject      text          NOT NULL,
    community_id text          NOT NULL,
    household_id text          NOT NULL,
    mode         text          NOT NULL CHECK (mode IN ('BIKE', 'E_BIKE', 'BUS', 'METRO', 'WALK')),
    distance_km  numeric(6,3)  NOT NULL CHECK (distance_km > 0),
    started_at   timestamptz   NOT NULL,
    ended_at     timestamptz   NOT NULL CHECK (ended_at > started_at),
    local_day    date          NOT NULL,
    outcome      text          NOT NULL CHECK (outcome IN ('CREDITED', 'NOT_CREDITED', 'DUPLICATE')),
    duplicate_of uuid          REFERENCES travel_trip (id),
    reduction_id uuid,
    reported_at  timestamptz   NOT NULL,
    UNIQUE (partner_id, trip_ref),
    CHECK ((outcome = 'DUPLICATE') = (duplicate_of IS NOT NULL)),
    CHECK ((outcome = 'CREDITED') = (reduction_id IS NOT NULL))
);
-- the resident's trips around a time (cross-partner duplicates) and per local day (the daily distance)
CREATE INDEX travel_trip_subject ON travel_trip (subject, started_at);

-- A batch as it was answered, so that the same batch sent again answers the same and records nothing twice.
CREATE TABLE travel_batch (
    partner_id     text        NOT NULL REFERENCES travel_partner (id),
    batch_id       varchar(64) NOT NULL,
    request_sha256 bytea       NOT NULL,
    answer         jsonb       NOT NULL,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (partner_id, batch_id)
);

CREATE FUNCTION travel_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are records: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER travel_trip_append_only BEFORE UPDATE OR DELETE ON travel_trip
    FOR EACH ROW EXECUTE FUNCTION travel_record_is_append_only();
CREATE TRIGGER travel_batch_append_only BEFORE UPDATE OR DELETE ON travel_batch
    FOR EACH ROW EXECUTE FUNCTION travel_record_is_append_only();

-- The runtime role: trips and batches SELECT and INSERT only; partners and links SELECT, INSERT and UPDATE (admins
-- edit partners, residents unlink); nothing is deleted. The owner's default privileges granted it more.
DO $$
DECLARE
    holder regrole;
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['travel_partner', 'travel_link', 'travel_trip', 'travel_batch'] LOOP
        FOR holder IN
            SELECT DISTINCT acl.grantee::regrole
            FROM pg_class c, aclexplode(c.relacl) AS acl
            WHERE c.oid = t::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
        LOOP
            EXECUTE format('REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', t, holder);
            IF t IN ('travel_trip', 'travel_batch') THEN
                EXECUTE format('REVOKE UPDATE ON %I FROM %s', t, holder);
            END IF;
        END LOOP;
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM PUBLIC', t);
    END LOOP;
END;
$$;
