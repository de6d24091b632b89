-- Device ids are unique within a community only: two communities may both have an 'em-b01-0101'. A reading
-- is identified by community, device and time, which is also its primary key (the event id, derived from
-- the same three, needs no index of its own).
ALTER TABLE meter_reading DROP CONSTRAINT meter_reading_device_id_observed_at_key;
ALTER TABLE meter_reading DROP CONSTRAINT meter_reading_pkey;
ALTER TABLE meter_reading ADD PRIMARY KEY (community_id, device_id, observed_at);

-- How a reading stands among its neighbours (see RegisterQuality): only OK readings have a delta, and only
-- deltas are consumption. Glitches, resets, jumps and readings still pending are kept and shown.
ALTER TABLE meter_reading ADD COLUMN quality text;
UPDATE meter_reading m SET quality = CASE
    WHEN m.delta IS NOT NULL THEN 'OK'
    WHEN EXISTS (SELECT 1 FROM meter_reading p WHERE p.community_id = m.community_id AND p.device_id = m.device_id
                 AND p.observed_at < m.observed_at) THEN 'RESET'
    ELSE 'FIRST' END;
ALTER TABLE meter_reading ALTER COLUMN quality SET NOT NULL;
ALTER TABLE meter_reading ADD CONSTRAINT meter_reading_quality
    CHECK (quality IN ('FIRST', 'OK', 'GLITCH', 'RESET', 'JUMP', 'PENDING'));
ALTER TABLE meter_reading ADD CONSTRAINT meter_reading_delta_only_when_ok CHECK ((quality = 'OK') = (delta IS NOT NULL));

-- When the reading was stored: with the device's own time, how late data is (and the benchmark's latency).
ALTER TABLE meter_reading ADD COLUMN stored_at timestamptz NOT NULL DEFAULT clock_timestamp();

-- Flagged readings per community, for the data-quality figure.
CREATE INDEX meter_reading_flagged ON meter_reading (community_id, observed_at) WHERE quality NOT IN ('FIRST', 'OK');
