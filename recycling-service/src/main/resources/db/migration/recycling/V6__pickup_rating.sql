-- The resident's rating of a collected pickup: 1 to 5 stars and an optional comment, given once. The comment is the
-- resident's own words: erased with their personal data, the stars stay (they count in the recycler's performance).
ALTER TABLE pickup_booking
    ADD COLUMN rating         integer     CHECK (rating BETWEEN 1 AND 5),
    ADD COLUMN rating_comment text        CHECK (length(rating_comment) BETWEEN 1 AND 500),
    ADD COLUMN rated_at       timestamptz,
    ADD CONSTRAINT pickup_booking_rated CHECK (
        (rating IS NULL AND rated_at IS NULL AND rating_comment IS NULL)
        OR (rating IS NOT NULL AND rated_at IS NOT NULL AND status = 'COLLECTED'));

-- A recycler's ratings, for its performance.
CREATE INDEX pickup_booking_recycler_rated ON pickup_booking (recycler_id, rated_at) WHERE rating IS NOT NULL;
