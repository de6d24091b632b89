/**
 * A resident's personal data held by the recycling service — the addresses and notes of their household's pickup
 * bookings, and which of them they booked — exported and erased on request (PIPL, docs/privacy.md).
 */
@NullMarked
package org.communitycarbon.recycling.privacy;

import org.jspecify.annotations.NullMarked;
