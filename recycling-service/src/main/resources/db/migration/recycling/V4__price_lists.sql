-- A community's own prices: what its recyclers pay (CNY per kg) and what the platform credits (credits per kg) for
-- each category, as numbered versions that apply from a date. A published version is never edited: to change a price,
-- publish a new version. Until a community publishes one, the catalogue's example defaults (recycling_category) apply.
--
-- credits_per_kg defaults, per category, to the catalogue's 300: the Wuhan pilot counts 1 kg of recycled goods as
-- 0.3 kg CO2e reduced (the accounting service's wuhan-pilot RECYCLED_GOODS factor), and 1 credit = 1 g CO2e.
CREATE TABLE price_list (
    community_id   text        NOT NULL CHECK (community_id ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'),
    version        integer     NOT NULL CHECK (version BETWEEN 1 AND 1000000),
    -- The local date (recycling.prices.zone) from which it applies, and the instant that is: the start of that day,
    -- or the moment of publication for a version published for today, so no version reprices what already happened.
    effective_from date        NOT NULL,
    effective_at   timestamptz NOT NULL,
    note           text        CHECK (length(note) BETWEEN 1 AND 200),
    published_at   timestamptz NOT NULL,
    published_by   text        NOT NULL CHECK (length(published_by) BETWEEN 1 AND 255),
    PRIMARY KEY (community_id, version),
    CHECK (effective_at >= published_at)
);

-- The version in force at an instant: the latest effective_at not after it; of two from the same instant, the higher
-- version (published later).
CREATE INDEX price_list_in_force ON price_list (community_id, effective_at DESC, version DESC);

-- A version prices every category of the catalogue when it is published.
CREATE TABLE price_list_item (
    community_id     text          NOT NULL,
    version          integer       NOT NULL,
    category         text          NOT NULL REFERENCES recycling_category (code),
    price_per_kg_cny numeric(8, 2) NOT NULL CHECK (price_per_kg_cny BETWEEN 0 AND 10000),
    credits_per_kg   integer       NOT NULL CHECK (credits_per_kg BETWEEN 0 AND 100000),
    PRIMARY KEY (community_id, version, category),
    FOREIGN KEY (community_id, version) REFERENCES price_list (community_id, version)
);

-- Published versions are read and appended only: every role but the tables' owner keeps SELECT and INSERT.
DO $$
DECLARE
    protected text;
    holder regrole;
BEGIN
    FOREACH protected IN ARRAY ARRAY['price_list', 'price_list_item']
    LOOP
        FOR holder IN
            SELECT DISTINCT acl.grantee::regrole
            FROM pg_class c, aclexplode(c.relacl) AS acl
            WHERE c.oid = protected::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
        LOOP
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', protected, holder);
        END LOOP;
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM PUBLIC', protected);
    END LOOP;
END;
$$;
