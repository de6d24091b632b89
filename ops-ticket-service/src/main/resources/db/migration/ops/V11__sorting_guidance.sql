-- Sorting guidance (docs/operations.md, sorting guidance): deposits a bin's camera recognised as another kind than the
-- bin's are mistakes, each a notice to the household; repeated ones become a SORTING_VISIT work order for the sorting
-- volunteers (never a penalty). Every deposit counts for the community's monthly sorting accuracy.
ALTER TABLE work_order DROP CONSTRAINT work_order_type_check;
ALTER TABLE work_order ADD CONSTRAINT work_order_type_check
    CHECK (type IN ('BIN_OVERFLOW', 'DEVICE_OFFLINE', 'BUILDING_DEVICES_OFFLINE', 'PICKUP_DISPATCH_LATE', 'PICKUP_VISIT_LATE',
                    'ENVIRONMENT_THRESHOLD', 'ENERGY_ANOMALY', 'RESIDENT_REPORT', 'SORTING_VISIT'));

-- A household's wrongly sorted drops, one row per deposit event (a redelivered deposit is counted once): what a visit
-- is decided on. visit_work_order_id is the SORTING_VISIT order the mistake was counted towards; a mistake counts
-- towards one visit only. Rows older than ops.sorting.retention are deleted.
CREATE TABLE sorting_mistake (
    deposit_event_id    uuid        PRIMARY KEY,
    community_id        text        NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    household_id        text        NOT NULL CHECK (char_length(household_id) BETWEEN 1 AND 64),
    device_id           text        NOT NULL CHECK (char_length(device_id) BETWEEN 1 AND 64),
    bin_kind            text        NOT NULL CHECK (bin_kind IN ('PERISHABLE', 'RECYCLABLE', 'HAZARDOUS', 'RESIDUAL')),
    detected_kind       text        NOT NULL CHECK (detected_kind IN ('PERISHABLE', 'RECYCLABLE', 'HAZARDOUS', 'RESIDUAL')),
    occurred_at         timestamptz NOT NULL,
    visit_work_order_id uuid        REFERENCES work_order (id),
    CHECK (bin_kind <> detected_kind)
);
CREATE INDEX sorting_mistake_household ON sorting_mistake (community_id, household_id, occurred_at);
CREATE INDEX sorting_mistake_occurred ON sorting_mistake (occurred_at);

-- Per community and calendar month (in ops.sorting.time-zone): deposits, those with a recognised kind, those whose
-- recognised kind was the bin's, those the bins judged correctly sorted, and those without a household.
-- Sorting accuracy = matched / recognised; the bins' own judgement = correctly_sorted / deposits.
CREATE TABLE sorting_month (
    community_id text   NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    month        date   NOT NULL CHECK (extract(day FROM month) = 1),
    deposits     bigint NOT NULL CHECK (deposits >= 0),
    recognised   bigint NOT NULL CHECK (recognised BETWEEN 0 AND deposits),
    matched      bigint NOT NULL CHECK (matched BETWEEN 0 AND recognised),
    anonymous    bigint NOT NULL CHECK (anonymous BETWEEN 0 AND deposits),
    correctly_sorted bigint NOT NULL CHECK (correctly_sorted BETWEEN 0 AND deposits),
    PRIMARY KEY (community_id, month)
);
