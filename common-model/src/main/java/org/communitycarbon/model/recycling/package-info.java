/**
 * What the recycling service publishes: each step of a pickup booking's life ({@link PickupStatusChanged}) and each
 * service-level deadline a booking missed ({@link PickupDeadlineMissed}).
 */
@NullMarked
package org.communitycarbon.model.recycling;

import org.jspecify.annotations.NullMarked;
