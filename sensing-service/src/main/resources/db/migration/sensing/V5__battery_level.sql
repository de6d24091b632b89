-- The battery charge battery-powered devices (sorting bins, environment sensors) report, the latest by their own
-- clock (docs/devices.md, device health).
ALTER TABLE device_seen ADD COLUMN battery_level numeric(4, 3) CHECK (battery_level BETWEEN 0 AND 1);
ALTER TABLE device_seen ADD COLUMN battery_observed_at timestamptz;
ALTER TABLE device_seen ADD CHECK ((battery_level IS NULL) = (battery_observed_at IS NULL));
