-- The device registry: communities, their places (buildings, households, common areas, energy subsystems,
-- drop points) and their devices. Every row carries the registry revision of its latest change, from one
-- sequence; the in-memory directory reloads what has a revision above the last one it saw. Writers take
-- the registry's advisory lock before drawing a revision, so revisions become visible in the order drawn.
-- Nothing is deleted: devices are retired, places stay.

CREATE SEQUENCE registry_revision;

CREATE DOMAIN registry_id AS varchar(64) CHECK (VALUE ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$');
CREATE DOMAIN registry_name AS varchar(100) CHECK (length(btrim(VALUE)) > 0);

CREATE TABLE community (
    id           registry_id   PRIMARY KEY,
    name         registry_name NOT NULL,
    type         varchar(16)   NOT NULL CHECK (type IN ('OLDER', 'NEW_COMMERCIAL', 'RESETTLEMENT')),
    region       varchar(32)   NOT NULL CHECK (region IN ('national', 'north-china', 'northeast-china', 'east-china',
                                                          'central-china', 'northwest-china', 'south-china')),
    time_zone    varchar(64)   NOT NULL CHECK (time_zone ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)+$'),
    revision     bigint        NOT NULL,
    updated_at   timestamptz   NOT NULL
);
CREATE INDEX community_revision ON community (revision);

CREATE TABLE building (
    community_id registry_id   NOT NULL REFERENCES community,
    id           registry_id   NOT NULL,
    name         registry_name NOT NULL,
    revision     bigint        NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX building_revision ON building (revision);

CREATE TABLE household (
    community_id registry_id   NOT NULL,
    id           registry_id   NOT NULL,
    name         registry_name NOT NULL,
    building_id  registry_id   NOT NULL,
    members      smallint      NOT NULL CHECK (members BETWEEN 1 AND 50),
    revision     bigint        NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, building_id) REFERENCES building
);
CREATE INDEX household_revision ON household (revision);
CREATE INDEX household_building ON household (community_id, building_id);

CREATE TABLE common_area (
    community_id registry_id   NOT NULL REFERENCES community,
    id           registry_id   NOT NULL,
    name         registry_name NOT NULL,
    building_id  registry_id,
    revision     bigint        NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, building_id) REFERENCES building
);
CREATE INDEX common_area_revision ON common_area (revision);

CREATE TABLE energy_subsystem (
    community_id registry_id   NOT NULL REFERENCES community,
    id           registry_id   NOT NULL,
    name         registry_name NOT NULL,
    kind         varchar(16)   NOT NULL CHECK (kind IN ('LIGHTING', 'LIFT', 'WATER_PUMP', 'HVAC', 'PV', 'EV_CHARGING')),
    building_id  registry_id,
    revision     bigint        NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, building_id) REFERENCES building
);
CREATE INDEX energy_subsystem_revision ON energy_subsystem (revision);

CREATE TABLE drop_point (
    community_id registry_id   NOT NULL REFERENCES community,
    id           registry_id   NOT NULL,
    name         registry_name NOT NULL,
    building_id  registry_id,
    revision     bigint        NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, building_id) REFERENCES building
);
CREATE INDEX drop_point_revision ON drop_point (revision);

-- A device is bound to exactly one place: one of the four place columns is set.
CREATE TABLE device (
    community_id  registry_id   NOT NULL REFERENCES community,
    id            registry_id   NOT NULL,
    type          varchar(24)   NOT NULL CHECK (type IN ('electricity-meter', 'water-meter', 'gas-meter', 'pv-meter',
                                                         'waste-bin', 'environment-sensor')),
    model         varchar(100)  NOT NULL CHECK (length(btrim(model)) > 0),
    location      varchar(200)  CHECK (length(btrim(location)) > 0),
    household_id  registry_id,
    area_id       registry_id,
    subsystem_id  registry_id,
    drop_point_id registry_id,
    status        varchar(8)    NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
    installed_on  date          NOT NULL,
    retired_on    date,
    replaces      registry_id,
    revision      bigint        NOT NULL,
    updated_at    timestamptz   NOT NULL,
    PRIMARY KEY (community_id, id),
    CHECK (num_nonnulls(household_id, area_id, subsystem_id, drop_point_id) = 1),
    CHECK ((status = 'ACTIVE' AND retired_on IS NULL)
        OR (status = 'RETIRED' AND retired_on IS NOT NULL AND retired_on >= installed_on)),
    CHECK (replaces <> id),
    UNIQUE (community_id, replaces),
    FOREIGN KEY (community_id, household_id) REFERENCES household,
    FOREIGN KEY (community_id, area_id) REFERENCES common_area,
    FOREIGN KEY (community_id, subsystem_id) REFERENCES energy_subsystem,
    FOREIGN KEY (community_id, drop_point_id) REFERENCES drop_point,
    FOREIGN KEY (community_id, replaces) REFERENCES device
);
CREATE INDEX device_revision ON device (revision);
CREATE INDEX device_household ON device (community_id, household_id) WHERE household_id IS NOT NULL;
CREATE INDEX device_area ON device (community_id, area_id) WHERE area_id IS NOT NULL;
CREATE INDEX device_subsystem ON device (community_id, subsystem_id) WHERE subsystem_id IS NOT NULL;
CREATE INDEX device_drop_point ON device (community_id, drop_point_id) WHERE drop_point_id IS NOT NULL;
CREATE INDEX device_listing ON device (community_id, type, status, id);
