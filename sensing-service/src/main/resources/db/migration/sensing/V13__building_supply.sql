-- A building's incoming supply (docs/devices.md#model): the one common area or energy subsystem of a building whose
-- electricity meter is the building's master meter, measuring what its households and common areas use together.
-- Carried on PlaceChanged.buildingSupply; accounting keeps it out of every total and compares it with the building's
-- meters, ops leaves it out of the common areas' electricity. One per building across both tables: each table's
-- index below, and the registry's check under its lock across the two.
ALTER TABLE common_area ADD COLUMN building_supply boolean NOT NULL DEFAULT false;
ALTER TABLE common_area ADD CONSTRAINT common_area_supply_in_a_building CHECK (NOT building_supply OR building_id IS NOT NULL);
CREATE UNIQUE INDEX common_area_one_supply ON common_area (community_id, building_id) WHERE building_supply;

ALTER TABLE energy_subsystem ADD COLUMN building_supply boolean NOT NULL DEFAULT false;
ALTER TABLE energy_subsystem ADD CONSTRAINT energy_subsystem_supply_in_a_building CHECK (NOT building_supply OR building_id IS NOT NULL);
CREATE UNIQUE INDEX energy_subsystem_one_supply ON energy_subsystem (community_id, building_id) WHERE building_supply;
