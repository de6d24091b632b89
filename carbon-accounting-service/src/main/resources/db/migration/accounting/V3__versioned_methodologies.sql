-- Methodologies as versioned data (docs/accounting.md). A methodology has numbered versions; a version applies
-- from one local date (until another, or open-ended) in a region, and holds factors, each with its value per
-- quantity of activity, the gas it counts (CO2 or CO2e) and its source. A version is drafted, then published;
-- published versions and their factors never change, so a figure that names the factor it used keeps its meaning.

CREATE TABLE methodology (
    id          text          PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,47}$'),
    title       varchar(200)  NOT NULL,
    description varchar(4000) NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now()
);

CREATE SEQUENCE methodology_version_id_seq START WITH 1000;
CREATE TABLE methodology_version (
    id              bigint        PRIMARY KEY DEFAULT nextval('methodology_version_id_seq'),
    methodology_id  text          NOT NULL REFERENCES methodology,
    version         integer       NOT NULL CHECK (version BETWEEN 1 AND 100000),
    -- where the version applies: CN (national), CN-HB-Wuhan, CN-GD-Shenzhen...
    region          varchar(64)   NOT NULL,
    -- local dates of the community: the version prices activity on [effective_from, effective_until)
    effective_from  date          NOT NULL CHECK (effective_from BETWEEN '2000-01-01' AND '2100-01-01'),
    effective_until date,
    notes           varchar(4000) NOT NULL DEFAULT '',
    drafted_by      varchar(200)  NOT NULL,
    drafted_at      timestamptz   NOT NULL DEFAULT now(),
    published_by    varchar(200),
    published_at    timestamptz,
    CHECK (effective_until > effective_from AND effective_until <= '2100-01-01'),
    CHECK ((published_by IS NULL) = (published_at IS NULL)),
    UNIQUE (methodology_id, version)
);

-- The factors of published versions: append-only (only while their version is being published).
-- applies_to narrows a factor: the grid region of a grid factor (national, central-china...), the mode of a
-- green-travel factor (shared-bike, metro...), the category of recycled goods; '' for all.
CREATE SEQUENCE methodology_factor_id_seq START WITH 10000;
CREATE TABLE methodology_factor (
    id              bigint        PRIMARY KEY DEFAULT nextval('methodology_factor_id_seq'),
    version_id      bigint        NOT NULL REFERENCES methodology_version,
    kind            text          NOT NULL CHECK (kind ~ '^[A-Z][A-Z0-9_]{0,47}$'),
    applies_to      varchar(64)   NOT NULL DEFAULT '',
    value           numeric(12,6) NOT NULL CHECK (value >= 0),
    per_quantity    numeric(12,3) NOT NULL DEFAULT 1 CHECK (per_quantity > 0),
    per_unit        text          NOT NULL CHECK (per_unit IN ('KG', 'KM', 'KWH', 'M3')),
    gas             text          NOT NULL CHECK (gas IN ('CO2', 'CO2E')),
    source_document varchar(500)  NOT NULL,
    source_table    varchar(200)  NOT NULL,
    source_year     integer       CHECK (source_year BETWEEN 1990 AND 2100),
    uncertain       boolean       NOT NULL DEFAULT false,
    UNIQUE (version_id, kind, applies_to)
);

-- The factors of a draft, freely edited until the draft is published (then copied into methodology_factor).
CREATE TABLE draft_factor (
    version_id      bigint        NOT NULL REFERENCES methodology_version ON DELETE CASCADE,
    kind            text          NOT NULL CHECK (kind ~ '^[A-Z][A-Z0-9_]{0,47}$'),
    applies_to      varchar(64)   NOT NULL DEFAULT '',
    value           numeric(12,6) NOT NULL CHECK (value >= 0),
    per_quantity    numeric(12,3) NOT NULL DEFAULT 1 CHECK (per_quantity > 0),
    per_unit        text          NOT NULL CHECK (per_unit IN ('KG', 'KM', 'KWH', 'M3')),
    gas             text          NOT NULL CHECK (gas IN ('CO2', 'CO2E')),
    source_document varchar(500)  NOT NULL,
    source_table    varchar(200)  NOT NULL,
    source_year     integer       CHECK (source_year BETWEEN 1990 AND 2100),
    uncertain       boolean       NOT NULL DEFAULT false,
    PRIMARY KEY (version_id, kind, applies_to)
);

-- Which methodology a community uses from when: history, append-only. A community without one uses the
-- configured default (accounting.default-methodology).
CREATE SEQUENCE methodology_assignment_id_seq;
CREATE TABLE methodology_assignment (
    id              bigint        PRIMARY KEY DEFAULT nextval('methodology_assignment_id_seq'),
    community_id    text          NOT NULL,
    methodology_id  text          NOT NULL REFERENCES methodology,
    effective_from  timestamptz   NOT NULL,
    reason          varchar(500)  NOT NULL,
    assigned_by     varchar(200)  NOT NULL,
    assigned_at     timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (community_id, effective_from)
);

-- The registry's communities (topic sensing.communities): the grid region picks the regional grid factor.
CREATE TABLE community (
    id             text         PRIMARY KEY,
    region         varchar(32)  NOT NULL,
    time_zone      varchar(64)  NOT NULL,
    community_type varchar(32)  NOT NULL,
    revision       bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL
);

-- ---------------------------------------------------------------------------------------------------------
-- Seed, from FACTORS.md (the platform's reference data), every value with its source.
INSERT INTO methodology (id, title, description) VALUES
('wuhan-pilot', 'Wuhan pilot (the paper''s factors)',
 'The factors the paper reports for the Wuhan pilot, reproduced exactly: 1 kg perishable waste correctly sorted = 0.2 kg CO2e; '
 || '1 km by shared bike / e-bike = 0.15 kg CO2e; 10 kWh monthly household electricity saving = 0.78 kg CO2e; 1 kg of old goods '
 || 'recycled = 0.3 kg CO2e. Its electricity-saving factor, 0.78 kg per 10 kWh (0.078 kg/kWh), is about seven times below every '
 || 'official Chinese grid factor (10 kWh x 0.5306 = 5.3 kg) and is most likely a misprint; choose mee-grid to credit savings at '
 || 'the grid factor. Emissions of consumption are priced with the MEE/NBS 2023 factors of the community''s grid region.'),
('mee-grid', 'MEE/NBS grid emission factors',
 'As wuhan-pilot for sorted waste, green travel and recycled goods, but electricity saved is credited at the grid emission factor '
 || 'MEE/NBS published for the year and the community''s grid region (location-based), the same factor that prices the household''s '
 || 'electricity. One version per factor year: 2021, 2022, 2023 (the latest stays in force until a newer one is published).'),
('shenzhen-public-transport', 'Shenzhen public transport',
 'Shenzhen''s public transport carbon-inclusion methodology: metro 46.7 g and electric bus 26.9 g CO2e per person-km. Credits green '
 || 'travel by these modes only; emissions of consumption are priced with the MEE/NBS 2023 factors.');

INSERT INTO methodology_version (id, methodology_id, version, region, effective_from, effective_until, notes, drafted_by, drafted_at) VALUES
(1, 'wuhan-pilot', 1, 'CN-HB-Wuhan', '2021-01-01', NULL, 'The paper''s Wuhan pilot factors; MEE/NBS 2023 grid factors.', 'migration V3', now()),
(2, 'mee-grid',    1, 'CN',          '2021-01-01', '2022-01-01', 'MEE/NBS 2021 factors.', 'migration V3', now()),
(3, 'mee-grid',    2, 'CN',          '2022-01-01', '2023-01-01', 'MEE/NBS 2022 factors.', 'migration V3', now()),
(4, 'mee-grid',    3, 'CN',          '2023-01-01', NULL, 'MEE/NBS 2023 factors; in force until a newer version.', 'migration V3', now()),
(5, 'shenzhen-public-transport', 1, 'CN-GD-Shenzhen', '2023-01-01', NULL, 'Shenzhen per-km public transport factors; MEE/NBS 2023 grid factors.', 'migration V3', now());

-- Grid electricity, kg CO2 per kWh, by grid region and year (2021 regional values from a secondary source);
-- the national factor excluding market-traded non-fossil power (market-based); gas; water. Version -> factor year.
INSERT INTO methodology_factor (version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table, source_year, uncertain)
WITH version_year (version_id, year) AS (VALUES (1, 2023), (2, 2021), (3, 2022), (4, 2023), (5, 2023)),
grid (year, kind, region, value, uncertain) AS (VALUES
    (2021, 'GRID_ELECTRICITY', 'national', 0.5568, false), (2022, 'GRID_ELECTRICITY', 'national', 0.5366, false),
    (2023, 'GRID_ELECTRICITY', 'national', 0.5306, false),
    (2021, 'GRID_ELECTRICITY', 'north-china', 0.7120, true), (2022, 'GRID_ELECTRICITY', 'north-china', 0.6776, false),
    (2023, 'GRID_ELECTRICITY', 'north-china', 0.6361, false),
    (2021, 'GRID_ELECTRICITY', 'northeast-china', 0.6012, true), (2022, 'GRID_ELECTRICITY', 'northeast-china', 0.5564, false),
    (2023, 'GRID_ELECTRICITY', 'northeast-china', 0.5122, false),
    (2021, 'GRID_ELECTRICITY', 'east-china', 0.5992, true), (2022, 'GRID_ELECTRICITY', 'east-china', 0.5617, false),
    (2023, 'GRID_ELECTRICITY', 'east-china', 0.5500, false),
    (2021, 'GRID_ELECTRICITY', 'central-china', 0.5354, true), (2022, 'GRID_ELECTRICITY', 'central-china', 0.5395, false),
    (2023, 'GRID_ELECTRICITY', 'central-china', 0.5271, false),
    (2021, 'GRID_ELECTRICITY', 'northwest-china', 0.5951, true), (2022, 'GRID_ELECTRICITY', 'northwest-china', 0.5857, false),
    (2023, 'GRID_ELECTRICITY', 'northwest-china', 0.5543, false),
    (2021, 'GRID_ELECTRICITY', 'south-china', 0.4326, true), (2022, 'GRID_ELECTRICITY', 'south-china', 0.3869, false),
    (2023, 'GRID_ELECTRICITY', 'south-china', 0.4042, false),
    (2021, 'GRID_ELECTRICITY', 'southwest-china', 0.2113, true), (2022, 'GRID_ELECTRICITY', 'southwest-china', 0.2268, false),
    (2023, 'GRID_ELECTRICITY', 'southwest-china', 0.2472, false),
    (2021, 'GRID_ELECTRICITY_MARKET_BASED', 'national', 0.5942, false),
    (2022, 'GRID_ELECTRICITY_MARKET_BASED', 'national', 0.5856, false),
    (2023, 'GRID_ELECTRICITY_MARKET_BASED', 'national', 0.6096, false))
SELECT v.version_id, g.kind, g.region, g.value, 1, 'KWH', 'CO2',
       CASE g.year WHEN 2021 THEN 'MEE/NBS announcement of the 2021 electricity CO2 emission factors (April 2024)'
                                  || CASE WHEN g.uncertain THEN '; regional value from a secondary source' ELSE '' END
                   WHEN 2022 THEN 'MEE/NBS announcement of the 2022 electricity CO2 emission factors (December 2024)'
                   ELSE 'MEE/NBS 2023 electricity CO2 emission factors, as reported in January 2026' END,
       CASE WHEN g.kind = 'GRID_ELECTRICITY_MARKET_BASED' THEN 'national grid factor excluding market-traded non-fossil power'
            WHEN g.region = 'national' THEN 'national average grid emission factor'
            ELSE 'regional grid average emission factors' END,
       g.year, g.uncertain
FROM version_year v JOIN grid g ON g.year = v.year;

INSERT INTO methodology_factor (version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table, source_year, uncertain)
SELECT v.id, f.kind, '', f.value, 1, 'M3', f.gas, f.document, f.tab, f.year, f.uncertain
FROM methodology_version v CROSS JOIN (VALUES
    ('NATURAL_GAS', 2.1622, 'CO2', 'Natural gas combustion: 38,931 kJ/m3 x 15.3 tC/TJ x 99 % oxidation x 44/12',
     'net calorific value and carbon content of natural gas', NULL::integer, false),
    ('TAP_WATER', 0.168, 'CO2E', 'GB/T 51366-2019 Standard for building carbon emission calculation (no official Chinese tap-water factor found)',
     'tap water supply', 2019, true)) AS f(kind, value, gas, document, tab, year, uncertain);

-- The electricity saved, under mee-grid: the grid factor of its year and region.
INSERT INTO methodology_factor (version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table, source_year, uncertain)
SELECT version_id, 'ELECTRICITY_SAVING', applies_to, value, per_quantity, per_unit, gas, source_document, source_table, source_year, uncertain
FROM methodology_factor WHERE version_id IN (2, 3, 4) AND kind = 'GRID_ELECTRICITY';

-- The paper's Wuhan pilot behaviour factors, worded as the paper words them (0.78 kg per 10 kWh).
INSERT INTO methodology_factor (version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table, source_year)
SELECT v.id, f.kind, f.applies_to, f.value, f.per_quantity, f.per_unit, 'CO2E',
       'The paper (seeds/): the Wuhan pilot''s published factors', 'Wuhan pilot behaviour reductions', NULL
FROM methodology_version v CROSS JOIN (VALUES
    ('SORTED_PERISHABLE_WASTE', '', 0.2, 1, 'KG'),
    ('GREEN_TRAVEL', 'shared-bike', 0.15, 1, 'KM'),
    ('GREEN_TRAVEL', 'e-bike', 0.15, 1, 'KM'),
    ('RECYCLED_GOODS', '', 0.3, 1, 'KG')) AS f(kind, applies_to, value, per_quantity, per_unit)
WHERE v.id IN (1, 2, 3, 4);
INSERT INTO methodology_factor (version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table)
VALUES (1, 'ELECTRICITY_SAVING', '', 0.78, 10, 'KWH', 'CO2E', 'The paper (seeds/): the Wuhan pilot''s published factors',
        'Wuhan pilot behaviour reductions: 10 kWh monthly household electricity saving');

INSERT INTO methodology_factor (version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table)
VALUES
(5, 'GREEN_TRAVEL', 'metro', 0.0467, 1, 'KM', 'CO2E', 'Shenzhen public transport carbon-inclusion methodology', 'metro, per person-km'),
(5, 'GREEN_TRAVEL', 'electric-bus', 0.0269, 1, 'KM', 'CO2E', 'Shenzhen public transport carbon-inclusion methodology', 'electric bus, per person-km');

UPDATE methodology_version SET published_by = 'migration V3', published_at = now();

-- ---------------------------------------------------------------------------------------------------------
-- Published versions are immutable: their rows refuse UPDATE and DELETE, their factors everything but the
-- INSERT that publishes them; assignments are history, append-only.
CREATE FUNCTION methodology_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'methodology % version % is published and never changes: % refused', OLD.methodology_id, OLD.version, TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER methodology_version_published_is_immutable
    BEFORE UPDATE OR DELETE ON methodology_version FOR EACH ROW EXECUTE FUNCTION methodology_version_guard();

CREATE FUNCTION methodology_factor_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM methodology_version WHERE id = NEW.version_id AND published_at IS NOT NULL) THEN
            RAISE EXCEPTION 'methodology version % is published: its factors never change', NEW.version_id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'factors of methodology versions are immutable: % refused', TG_OP USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER methodology_factor_is_immutable
    BEFORE INSERT OR UPDATE OR DELETE ON methodology_factor FOR EACH ROW EXECUTE FUNCTION methodology_factor_guard();

CREATE FUNCTION methodology_assignment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'methodology assignments are history, append-only: % refused', TG_OP USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER methodology_assignment_is_append_only
    BEFORE UPDATE OR DELETE ON methodology_assignment FOR EACH ROW EXECUTE FUNCTION methodology_assignment_guard();

-- As credits' ledger (credits V2): every role but the owner keeps SELECT and INSERT only on the factors and the
-- assignments, so PostgreSQL refuses UPDATE, DELETE and TRUNCATE before the triggers are asked, and a role that
-- does not own the tables cannot drop or disable the triggers. Versions keep UPDATE and DELETE for drafts
-- (the trigger guards published ones) but lose TRUNCATE.
DO $$
DECLARE
    holder regrole;
    protected text;
BEGIN
    FOREACH protected IN ARRAY ARRAY['methodology_factor', 'methodology_assignment', 'methodology_version', 'methodology'] LOOP
        FOR holder IN
            SELECT DISTINCT acl.grantee::regrole
            FROM pg_class c, aclexplode(c.relacl) AS acl
            WHERE c.oid = protected::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
        LOOP
            IF protected IN ('methodology_factor', 'methodology_assignment') THEN
                EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', protected, holder);
            ELSE
                EXECUTE format('REVOKE TRUNCATE, REFERENCES, TRIGGER ON %I FROM %s', protected, holder);
            END IF;
        END LOOP;
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON methodology_factor, methodology_assignment FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------------
-- Every figure names the factor it used. Before this migration, methodologies were configuration and every
-- figure was priced with wuhan-pilot's or mee-grid-2023's factors, which were the ones seeded above: a
-- reduction gets the sorted-waste factor of the version that matches its methodology (mee-grid-2023 is now
-- mee-grid version 3), and a reading gets wuhan-pilot version 1's national factor of its meter type — the
-- national grid factor, because the service did not know communities' grid regions then (both configured
-- methodologies had the same emission factors).
ALTER TABLE carbon_reduction ADD COLUMN factor_id bigint REFERENCES methodology_factor;
UPDATE carbon_reduction SET methodology = 'mee-grid' WHERE methodology = 'mee-grid-2023';
UPDATE carbon_reduction r SET factor_id = f.id
FROM methodology_factor f JOIN methodology_version v ON v.id = f.version_id
WHERE f.kind = r.behaviour AND f.applies_to = '' AND v.methodology_id = r.methodology
  AND v.version = CASE r.methodology WHEN 'mee-grid' THEN 3 ELSE 1 END;
-- A reduction of a methodology configured elsewhere than in the shipped configuration has no version to name:
-- the migration stops here rather than guess (seed that methodology in a migration of your own first).
ALTER TABLE carbon_reduction ALTER COLUMN factor_id SET NOT NULL;

-- No foreign key on the readings: at thousands of inserts a second, each would lock its factor row.
ALTER TABLE meter_reading ADD COLUMN emission_factor_id bigint;
UPDATE meter_reading m SET emission_factor_id = f.id
FROM methodology_factor f
WHERE f.version_id = 1 AND f.kind = CASE m.meter_type WHEN 'GAS' THEN 'NATURAL_GAS' WHEN 'WATER' THEN 'TAP_WATER' ELSE 'GRID_ELECTRICITY' END
  AND f.applies_to = CASE WHEN m.meter_type IN ('GAS', 'WATER') THEN '' ELSE 'national' END;
