-- A waste bin's capacity in kg, optional (docs/devices.md#model): how much one drop may weigh at most. The credits
-- service reads it from DeviceChanged.capacityKg and flags a drop heavier than its bin holds (docs/credits.md#anti-fraud-per-bin).
-- Grams, as the weights of drops; above 0 and at most 2,000 kg; only a waste-bin has one.
ALTER TABLE device ADD COLUMN capacity_kg numeric(7,3) CHECK (capacity_kg > 0 AND capacity_kg <= 2000);
ALTER TABLE device ADD CONSTRAINT device_capacity_only_for_bins CHECK (capacity_kg IS NULL OR type = 'waste-bin');
