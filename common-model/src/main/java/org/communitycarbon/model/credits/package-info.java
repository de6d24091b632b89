/**
 * What the credits service publishes: credits entered in a household's ledger, redemptions, merchants' debits and the
 * ledger's checkpoints.
 */
@NullMarked
package org.communitycarbon.model.credits;

import org.jspecify.annotations.NullMarked;
