-- What the monthly report figures count that sensing keeps nowhere else (docs/devices.md, monthly report figures).

-- The hours in which each device was heard, per local day of its community: bit h of hours is set when the ingest
-- accepted a message of the device during local hour h. Written by device health with what it writes anyway (its
-- flush every few seconds), and only when a bit is new, so a device reporting each minute costs one update an hour.
CREATE TABLE device_hours (
    community_id registry_id NOT NULL,
    day          date        NOT NULL,
    device_id    registry_id NOT NULL,
    hours        integer     NOT NULL CHECK (hours BETWEEN 1 AND 16777215),
    PRIMARY KEY (community_id, day, device_id)
);

-- Waste deposits per community, local month (its first day), household and waste kind: counted once per deposit event
-- (the inbox) from sensing.waste-deposits, which sensing publishes straight from MQTT without keeping the deposits.
CREATE TABLE deposit_tally (
    community_id registry_id    NOT NULL,
    month        date           NOT NULL CHECK (extract(day FROM month) = 1),
    household_id registry_id    NOT NULL,
    waste_kind   varchar(16)    NOT NULL,
    deposits     integer        NOT NULL CHECK (deposits > 0),
    correct      integer        NOT NULL CHECK (correct BETWEEN 0 AND deposits),
    kg           numeric(14, 3) NOT NULL CHECK (kg >= 0),
    PRIMARY KEY (community_id, month, household_id, waste_kind)
);
