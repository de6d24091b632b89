-- One relay per service sends the outbox at a time: the instance holding this lease, renewed on every
-- round. Another instance takes over when the lease has expired (its holder stopped or lost the database).
CREATE TABLE outbox_lease (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    owner      text        NOT NULL,
    expires_at timestamptz NOT NULL
);
INSERT INTO outbox_lease (id, owner, expires_at) VALUES (1, 'nobody', '-infinity');

-- A row Kafka refused while it took the rows around it (too large, an unknown topic...) counts an attempt;
-- after a few it moves to outbox_dead, so it never holds up the rows behind it.
ALTER TABLE outbox_message ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE outbox_message ADD COLUMN last_error text;

CREATE TABLE outbox_dead (
    id          bigint      PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now(),
    reason      text        NOT NULL
);

-- Retention of the inbox: rows older than the longest a duplicate can arrive are deleted on a schedule.
CREATE INDEX processed_event_age ON processed_event (processed_at);
