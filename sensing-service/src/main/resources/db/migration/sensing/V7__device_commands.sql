-- Commands to devices (docs/mqtt-api.md#commands): controllers that take them, the policies property managers set
-- per energy subsystem, and every command sent, with its status.

-- Controllers: a lighting controller (lighting subsystems) and a load controller (pumps, EV chargers).
ALTER TABLE device DROP CONSTRAINT device_type_check;
ALTER TABLE device ADD CONSTRAINT device_type_check CHECK (type IN ('electricity-meter', 'water-meter', 'gas-meter', 'pv-meter',
    'waste-bin', 'environment-sensor', 'lighting-controller', 'load-controller'));

-- Each policy a property manager (or an admin) set for a subsystem, and who set it: history, append-only; a
-- subsystem's policy is its highest version. A PUT that repeats the current policy adds nothing.
CREATE TABLE subsystem_policy (
    community_id  registry_id  NOT NULL,
    subsystem_id  registry_id  NOT NULL,
    version       integer      NOT NULL CHECK (version >= 1),
    command_type  varchar(24)  NOT NULL CHECK (command_type IN ('LIGHTING_SCHEDULE', 'OFF_PEAK_SCHEDULE')),
    -- the periods as the command carries them: at most 12, each a few dozen bytes
    periods       jsonb        NOT NULL CHECK (jsonb_typeof(periods) = 'array' AND jsonb_array_length(periods) <= 12),
    set_by        varchar(200) NOT NULL CHECK (length(btrim(set_by)) > 0),
    set_at        timestamptz  NOT NULL,
    PRIMARY KEY (community_id, subsystem_id, version),
    FOREIGN KEY (community_id, subsystem_id) REFERENCES energy_subsystem
);

CREATE FUNCTION subsystem_policy_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'subsystem policies are history, append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER subsystem_policy_append_only
    BEFORE UPDATE OR DELETE ON subsystem_policy
    FOR EACH ROW EXECUTE FUNCTION subsystem_policy_is_append_only();

CREATE TRIGGER subsystem_policy_no_truncate
    BEFORE TRUNCATE ON subsystem_policy
    FOR EACH STATEMENT EXECUTE FUNCTION subsystem_policy_is_append_only();

-- Every role but the table's owner keeps SELECT and INSERT only, as for ops' audit log.
DO $$
DECLARE
    holder regrole;
BEGIN
    FOR holder IN
        SELECT DISTINCT acl.grantee::regrole
        FROM pg_class c, aclexplode(c.relacl) AS acl
        WHERE c.oid = 'subsystem_policy'::regclass AND acl.grantee <> c.relowner AND acl.grantee <> 0
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON subsystem_policy FROM %s', holder);
    END LOOP;
END;
$$;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON subsystem_policy FROM PUBLIC;

-- Every command to a device. Written PENDING in the transaction that decides it; the relay publishes it to the
-- device's command topic and marks it SENT; the device's acknowledgement settles it ACKNOWLEDGED or FAILED; one not
-- settled by expires_at is EXPIRED.
CREATE TABLE device_command (
    id             uuid         PRIMARY KEY,
    community_id   registry_id  NOT NULL,
    device_id      registry_id  NOT NULL,
    device_type    varchar(24)  NOT NULL,
    subsystem_id   registry_id  NOT NULL,
    policy_version integer      NOT NULL,
    command_type   varchar(24)  NOT NULL CHECK (command_type IN ('LIGHTING_SCHEDULE', 'OFF_PEAK_SCHEDULE')),
    -- what is published, byte for byte: the command's JSON
    payload        text         NOT NULL CHECK (octet_length(payload) <= 8192),
    -- why it was sent: the policy was set, the device was added (or replaced another), the device came back online
    cause          varchar(16)  NOT NULL CHECK (cause IN ('POLICY_SET', 'DEVICE_ADDED', 'DEVICE_BACK')),
    -- who set the policy it carries (the token's subject)
    sent_by        varchar(200) NOT NULL CHECK (length(btrim(sent_by)) > 0),
    status         varchar(12)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'ACKNOWLEDGED', 'FAILED', 'EXPIRED')),
    created_at     timestamptz  NOT NULL,
    sent_at        timestamptz,
    expires_at     timestamptz  NOT NULL CHECK (expires_at > created_at),
    finished_at    timestamptz,
    -- the device's reason when it rejected the command
    failure_reason varchar(200),
    CHECK ((status IN ('PENDING', 'SENT')) = (finished_at IS NULL)),
    CHECK (status <> 'FAILED' OR failure_reason IS NOT NULL),
    FOREIGN KEY (community_id, device_id) REFERENCES device,
    FOREIGN KEY (community_id, subsystem_id, policy_version) REFERENCES subsystem_policy
);
-- the relay's queue and the expiry check
CREATE INDEX device_command_pending ON device_command (created_at) WHERE status = 'PENDING';
CREATE INDEX device_command_open ON device_command (expires_at) WHERE status IN ('PENDING', 'SENT');
-- lists per community and per device, newest first; and what each device already got of a policy
CREATE INDEX device_command_community ON device_command (community_id, created_at DESC);
CREATE INDEX device_command_device ON device_command (community_id, device_id, created_at DESC);
