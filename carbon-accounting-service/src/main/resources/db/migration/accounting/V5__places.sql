-- The registry's places (topic sensing.places), newest revision wins: the building of each household and common
-- area, and the members of each household, for building figures and figures per member (docs/accounting.md#buildings-and-rankings).
CREATE TABLE place (
    community_id text          NOT NULL,
    kind         text          NOT NULL,
    place_id     text          NOT NULL,
    name         varchar(100)  NOT NULL,
    building_id  text,
    members      integer       CHECK (members BETWEEN 1 AND 50),
    revision     bigint        NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (community_id, kind, place_id)
);
CREATE INDEX place_building ON place (community_id, building_id);
