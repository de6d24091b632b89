-- MQTT messages the platform could not accept, as read back from the dead-letter topic sensing.mqtt-dlt,
-- kept for operators to inspect. The dead-letter topic stays the record of truth.
CREATE TABLE rejected_message (
    id            uuid        PRIMARY KEY,
    kafka_topic   text        NOT NULL,
    kafka_partition integer   NOT NULL,
    kafka_offset  bigint      NOT NULL,
    mqtt_topic    text        NOT NULL,
    community_id  text,
    reason        text        NOT NULL,
    field         text,
    payload       bytea       NOT NULL,
    received_at   timestamptz NOT NULL,
    UNIQUE (kafka_topic, kafka_partition, kafka_offset)
);
CREATE INDEX rejected_message_community ON rejected_message (community_id, received_at DESC);
CREATE INDEX rejected_message_received ON rejected_message (received_at DESC);
