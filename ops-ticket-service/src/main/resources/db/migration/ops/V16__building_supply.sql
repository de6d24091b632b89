-- A building's incoming supply, as the registry marks it (PlaceChanged.buildingSupply, docs/devices.md): the common area or
-- energy subsystem whose electricity meter is the building's master meter. It measures the building's households and
-- common areas together, so its energy is not common-area electricity: left out of consumption, cost and the anomaly
-- rules, and shown apart as the building's supply (docs/monitoring.md).
ALTER TABLE monitoring_place ADD COLUMN building_supply boolean NOT NULL DEFAULT false;
