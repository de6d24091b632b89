/**
 * Environment and energy monitoring (docs/monitoring.md): environment observations kept as the latest value and hourly
 * rollups per area, with day and night thresholds that raise and clear alerts (hysteresis, minimum duration); the hourly
 * energy of common-area and subsystem meters by subsystem kind and building, PV generation and self-consumption,
 * cost under time-of-use tariffs, and anomaly alerts (lighting in daylight, a subsystem above its baseline). Alerts that
 * need action open work orders through {@link org.communitycarbon.ops.workorder.AlertWorkOrders}.
 */
@NullMarked
package org.communitycarbon.ops.monitoring;

import org.jspecify.annotations.NullMarked;
