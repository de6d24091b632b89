-- Connected scales (docs/mqtt-api.md, docs/recycling.md#connected-scales): a recycling-scale is a device of a community
-- like any other, bound to a place (the recycling station's drop point or a common area), with its own MQTT account.
ALTER TABLE device DROP CONSTRAINT device_type_check;
ALTER TABLE device ADD CONSTRAINT device_type_check CHECK (type IN ('electricity-meter', 'water-meter', 'gas-meter', 'pv-meter',
    'waste-bin', 'environment-sensor', 'lighting-controller', 'load-controller', 'recycling-scale'));
