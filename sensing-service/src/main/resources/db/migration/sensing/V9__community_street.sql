-- The street (街道) a community belongs to, optional: the street office's reports add up the communities of a street.
ALTER TABLE community ADD COLUMN street_id registry_id;
