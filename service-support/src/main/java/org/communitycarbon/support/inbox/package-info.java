/**
 * Which events a consumer has already processed. Claimed in the same transaction as the effect, so an
 * event delivered twice — a redelivery after a crash, a replay, a duplicate publish — has its effect once.
 */
@NullMarked
package org.communitycarbon.support.inbox;

import org.jspecify.annotations.NullMarked;
