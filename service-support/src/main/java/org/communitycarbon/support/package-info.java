/**
 * What every platform service shares, switched on by having this library on the class path:
 * <ul>
 * <li>{@code messaging}: JSON event codec, inbound decoding that dead-letters what it cannot read, Kafka
 * producer and error-handler conventions;</li>
 * <li>{@code outbox}: events written in the same transaction as the change they describe and relayed to
 * Kafka afterwards;</li>
 * <li>{@code inbox}: which events a consumer already processed;</li>
 * <li>{@code security}: JWT resource server, roles and the caller's household/community/street scope;</li>
 * <li>{@code web}: RFC 9457 problem details and the OpenAPI description;</li>
 * <li>{@code persistence}: the schema of the shared tables.</li>
 * </ul>
 * Defaults live in {@code platform/service-defaults.yml}, which each service imports.
 */
@NullMarked
package org.communitycarbon.support;

import org.jspecify.annotations.NullMarked;
