/**
 * Credits the recycling service asks to move (recycling.credit-requests): shared tools' deposits held in the
 * community's deposit account and released or forfeited, and the second-hand exchange's asking credits transferred at
 * the hand-over; each applied or refused once, with the outcome published (credits.credit-request-outcomes).
 */
@NullMarked
package org.communitycarbon.credits.transfer;

import org.jspecify.annotations.NullMarked;
