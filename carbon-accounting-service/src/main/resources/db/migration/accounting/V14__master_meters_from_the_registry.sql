-- Buildings' master meters are designated in the registry now, as the building's supply (PlaceChanged.buildingSupply,
-- docs/accounting.md#measured-accuracy-against-master-meters), which ops reads too: one source of truth. Designations made
-- through accounting's former PUT .../buildings/{b}/master-meter are dropped, and their areas' rolled-up consumption counts
-- as common areas again, until the registry marks the area as its building's supply (mark it there).
INSERT INTO community_consumption_day AS t (community_id, day, scope, meter_type, factor_id, consumption, readings, flagged)
SELECT community_id, day, 'COMMON_AREA', meter_type, factor_id, consumption, readings, flagged
FROM community_consumption_day WHERE scope = 'MASTER'
ORDER BY 1, 2, 4, 5
ON CONFLICT (community_id, day, scope, meter_type, factor_id) DO UPDATE
SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
    flagged = t.flagged + EXCLUDED.flagged;
DELETE FROM community_consumption_day WHERE scope = 'MASTER';

INSERT INTO community_consumption_hour AS t (community_id, hour, scope, meter_type, factor_id, consumption, readings, flagged)
SELECT community_id, hour, 'COMMON_AREA', meter_type, factor_id, consumption, readings, flagged
FROM community_consumption_hour WHERE scope = 'MASTER'
ORDER BY 1, 2, 4, 5
ON CONFLICT (community_id, hour, scope, meter_type, factor_id) DO UPDATE
SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
    flagged = t.flagged + EXCLUDED.flagged;
DELETE FROM community_consumption_hour WHERE scope = 'MASTER';

DELETE FROM master_meter;
