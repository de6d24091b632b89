-- The notification inbox (docs/operations.md, notifications): what the platform tells people, addressed to an audience —
-- a role in a community (the residents' committee of maple-court), a household of a community (its residents), or one
-- user by their token's subject. Each user reads those addressed to them at GET /api/ops/me/notifications and marks
-- them read for themselves. Kept for ops.notifications.retention (90 days).
CREATE TABLE notification (
    -- derived from the fact that caused it and the audience, so a repeated fact notifies once
    id            uuid        PRIMARY KEY,
    community_id  text        NOT NULL CHECK (char_length(community_id) BETWEEN 1 AND 64),
    audience_role text        NOT NULL
        CHECK (audience_role IN ('RESIDENT', 'PROPERTY_MANAGER', 'STAFF', 'RESIDENTS_COMMITTEE', 'STREET_OFFICE')),
    -- a resident audience narrowed to one household
    household_id  text        CHECK (char_length(household_id) BETWEEN 1 AND 64),
    -- one user only, by their token's subject (an Open311 reporter)
    subject       text        CHECK (char_length(subject) BETWEEN 1 AND 128),
    kind          text        NOT NULL CHECK (kind IN ('WORK_ORDER_ESCALATED', 'SORTING_GUIDANCE', 'REPORT_UPDATED')),
    title         text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    body          text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
    work_order_id uuid,
    -- what a client needs to show it in its own language: a flat JSON object of short texts
    details       jsonb       CHECK (details IS NULL OR (jsonb_typeof(details) = 'object' AND octet_length(details::text) <= 2000)),
    created_at    timestamptz NOT NULL,
    CHECK (household_id IS NULL OR audience_role = 'RESIDENT')
);
CREATE INDEX notification_audience ON notification (community_id, audience_role, created_at DESC, id DESC);
CREATE INDEX notification_household ON notification (community_id, household_id, created_at DESC) WHERE household_id IS NOT NULL;
CREATE INDEX notification_subject ON notification (subject, created_at DESC) WHERE subject IS NOT NULL;
CREATE INDEX notification_created ON notification (created_at);

-- Who has read what: an audience's notification is read by each of its users on their own.
CREATE TABLE notification_read (
    notification_id uuid        NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    subject         text        NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 128),
    read_at         timestamptz NOT NULL,
    PRIMARY KEY (notification_id, subject)
);
