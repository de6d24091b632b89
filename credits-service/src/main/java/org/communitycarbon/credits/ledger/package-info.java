/**
 * Household credit accounts and their append-only ledger: awarding credits for reductions and paying recycling pickups
 * settled in credits, and reading balances and entries within the caller's scope.
 */
@NullMarked
package org.communitycarbon.credits.ledger;

import org.jspecify.annotations.NullMarked;
