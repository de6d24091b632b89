/**
 * The second-hand exchange: a resident lists an item (photo references, condition, free or for credits), neighbours
 * of the same community ask for it, the owner accepts one request and the hand-over closes the listing; the owner
 * withdraws it or the property team removes it, with a reason.
 */
@NullMarked
package org.communitycarbon.recycling.exchange;

import org.jspecify.annotations.NullMarked;
