-- Weighing and settlement: the collector records what the scale showed per category when collecting, and the pickup
-- is settled in cash or credits at the rates of the community's price version in force at that moment.

ALTER TABLE pickup_booking
    -- The resident's choice when booking, if they made one; the collection may record another.
    ADD COLUMN settlement_preference text          CHECK (settlement_preference IN ('CASH', 'CREDITS')),
    ADD COLUMN settlement            text          CHECK (settlement IN ('CASH', 'CREDITS')),
    -- The community's price version that priced the items; 0 for the catalogue's defaults.
    ADD COLUMN price_version         integer       CHECK (price_version BETWEEN 0 AND 1000000),
    ADD COLUMN weighed_kg            numeric(9, 3) CHECK (weighed_kg > 0),
    -- What the household is paid: cash (0 when in credits) or credits (0 when in cash).
    ADD COLUMN amount_cny            numeric(12, 2) CHECK (amount_cny >= 0),
    ADD COLUMN credits               bigint        CHECK (credits >= 0),
    ADD COLUMN settled_at            timestamptz,
    ADD CONSTRAINT pickup_booking_settlement CHECK (
        (settled_at IS NULL AND settlement IS NULL AND price_version IS NULL AND weighed_kg IS NULL
            AND amount_cny IS NULL AND credits IS NULL)
        OR (status = 'COLLECTED' AND settled_at IS NOT NULL AND settlement IS NOT NULL AND price_version IS NOT NULL
            AND weighed_kg IS NOT NULL AND amount_cny IS NOT NULL AND credits IS NOT NULL
            AND ((settlement = 'CASH' AND credits = 0) OR (settlement = 'CREDITS' AND amount_cny = 0))));

-- What a collector weighed, per category, with the rates that priced it. Written once, with the collection.
CREATE TABLE pickup_item (
    pickup_id        uuid          NOT NULL REFERENCES pickup_booking (id),
    category         text          NOT NULL REFERENCES recycling_category (code),
    weight_kg        numeric(7, 3) NOT NULL CHECK (weight_kg > 0 AND weight_kg <= 1000),
    price_per_kg_cny numeric(8, 2) NOT NULL CHECK (price_per_kg_cny BETWEEN 0 AND 10000),
    credits_per_kg   integer       NOT NULL CHECK (credits_per_kg BETWEEN 0 AND 100000),
    PRIMARY KEY (pickup_id, category)
);

-- Weighed items are read and appended only: every role but the table's owner keeps SELECT and INSERT.
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'pickup_item'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON pickup_item FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON pickup_item FROM PUBLIC;
