-- The second-hand exchange: residents list what they give away or offer for credits, neighbours ask for it, the owner
-- accepts one request and the hand-over closes the listing; the property team removes what does not belong.
CREATE TABLE exchange_listing (
    id                  uuid        PRIMARY KEY,
    community_id        text        NOT NULL,
    household_id        text        NOT NULL,
    title               text        NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description         text        CHECK (length(description) BETWEEN 1 AND 1000),
    condition           text        NOT NULL CHECK (condition IN ('NEW', 'LIKE_NEW', 'GOOD', 'FAIR')),
    -- References to photos kept by the app's storage, not the photos.
    photo_refs          text[]      NOT NULL CHECK (cardinality(photo_refs) <= 5),
    -- 0: free.
    asking_credits      integer     NOT NULL CHECK (asking_credits BETWEEN 0 AND 100000),
    status              text        NOT NULL CHECK (status IN ('OPEN', 'RESERVED', 'HANDED_OVER', 'WITHDRAWN', 'REMOVED')),
    listed_at           timestamptz NOT NULL,
    accepted_request_id uuid,
    handed_over_at      timestamptz,
    closed_at           timestamptz,
    close_reason        text        CHECK (length(close_reason) BETWEEN 1 AND 200),
    CHECK (status NOT IN ('RESERVED', 'HANDED_OVER') OR accepted_request_id IS NOT NULL),
    CHECK ((status = 'HANDED_OVER') = (handed_over_at IS NOT NULL)),
    CHECK ((status IN ('WITHDRAWN', 'REMOVED')) = (closed_at IS NOT NULL AND close_reason IS NOT NULL))
);
CREATE INDEX exchange_listing_community ON exchange_listing (community_id, status, listed_at DESC, id DESC);

CREATE TABLE exchange_request (
    id           uuid        PRIMARY KEY,
    listing_id   uuid        NOT NULL REFERENCES exchange_listing (id),
    household_id text        NOT NULL,
    message      text        CHECK (length(message) BETWEEN 1 AND 200),
    status       text        NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED')),
    requested_at timestamptz NOT NULL,
    -- One request per household and listing.
    UNIQUE (listing_id, household_id)
);
