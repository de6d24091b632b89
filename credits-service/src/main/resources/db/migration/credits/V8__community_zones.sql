-- The registry's communities (topic sensing.communities) as far as the monthly report figures need them: the time
-- zone each community's months are cut in. The newest revision of each community wins.
CREATE TABLE community_zone (
    id         text        PRIMARY KEY,
    time_zone  varchar(64) NOT NULL,
    revision   bigint      NOT NULL CHECK (revision > 0),
    updated_at timestamptz NOT NULL
);

-- Monthly figures read a community's ledger entries by the time they happened.
CREATE INDEX ledger_entry_community_occurred ON ledger_entry (community_id, occurred_at);
