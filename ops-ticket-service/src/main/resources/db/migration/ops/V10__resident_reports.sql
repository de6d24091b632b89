-- Residents' reports through Open311 GeoReport v2 (docs/open311.md): each service request a resident files is kept here
-- and opens a RESIDENT_REPORT work order (its id derived from the request's), whose state, deadline and escalation the
-- reporter follows. Only what a report needs is kept: the household and the reporter's token subject, never the name,
-- e-mail or phone number an Open311 client may send.
ALTER TABLE work_order DROP CONSTRAINT work_order_type_check;
ALTER TABLE work_order ADD CONSTRAINT work_order_type_check
    CHECK (type IN ('BIN_OVERFLOW', 'DEVICE_OFFLINE', 'BUILDING_DEVICES_OFFLINE', 'PICKUP_DISPATCH_LATE', 'PICKUP_VISIT_LATE',
                    'ENVIRONMENT_THRESHOLD', 'ENERGY_ANOMALY', 'RESIDENT_REPORT'));

CREATE TABLE resident_report (
    id             uuid          PRIMARY KEY,
    community_id   text          NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    household_id   text          NOT NULL CHECK (char_length(household_id) BETWEEN 1 AND 64),
    reporter       text          NOT NULL CHECK (char_length(reporter) BETWEEN 1 AND 128),
    service_code   text          NOT NULL CHECK (char_length(service_code) BETWEEN 1 AND 32),
    description    text          CHECK (char_length(description) BETWEEN 1 AND 4000),
    lat            numeric(8, 6) CHECK (lat BETWEEN -90 AND 90),
    long           numeric(9, 6) CHECK (long BETWEEN -180 AND 180),
    address_string text          CHECK (char_length(address_string) BETWEEN 1 AND 250),
    media_url      text          CHECK (char_length(media_url) BETWEEN 1 AND 500),
    requested_at   timestamptz   NOT NULL,
    work_order_id  uuid          NOT NULL UNIQUE REFERENCES work_order (id),
    CHECK ((lat IS NULL) = (long IS NULL)),
    CHECK (lat IS NOT NULL OR address_string IS NOT NULL)
);
CREATE INDEX resident_report_community ON resident_report (community_id, requested_at DESC, id DESC);
CREATE INDEX resident_report_household ON resident_report (household_id, requested_at);
