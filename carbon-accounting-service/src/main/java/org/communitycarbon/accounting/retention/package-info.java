/**
 * Retention of raw meter readings: once the rollups hold what they sum, readings older than the retention are purged in
 * bounded batches, keeping each device's reading that the next delta is measured from
 * ({@link org.communitycarbon.accounting.retention.RawReadingRetention}).
 */
@NullMarked
package org.communitycarbon.accounting.retention;

import org.jspecify.annotations.NullMarked;
