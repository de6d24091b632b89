-- The monthly report figures a service published, per community and month: the last revision and a digest of its
-- figures, so that counting again publishes a new revision only when something changed.
CREATE TABLE monthly_figures_published (
    community_id text        NOT NULL,
    month        text        NOT NULL,
    revision     integer     NOT NULL,
    complete     boolean     NOT NULL,
    digest       text        NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, month)
);
