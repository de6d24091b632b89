-- MQTT accounts of devices and device gateways (docs/mqtt-api.md, credentials). The secret is a random 256-bit
-- token shown once when it is issued; only its SHA-256 is kept. A high-entropy token needs no slow hash: nobody can
-- guess it from its digest, and checking a connection stays cheap when thousands of devices reconnect at once.
CREATE TABLE mqtt_account (
    community_id  registry_id  NOT NULL REFERENCES community,
    kind          varchar(8)   NOT NULL CHECK (kind IN ('DEVICE', 'GATEWAY')),
    -- the device's id, or the gateway's name
    name          registry_id  NOT NULL,
    secret_sha256 bytea        NOT NULL CHECK (length(secret_sha256) = 32),
    issued_at     timestamptz  NOT NULL,
    created_at    timestamptz  NOT NULL,
    revoked_at    timestamptz,
    PRIMARY KEY (community_id, kind, name)
);
