/**
 * Spending credits: each community's catalogue (merchant goods, property-fee deduction, the community's own
 * rewards), redemptions by residents — stock and balance moved and the debit chained in one transaction, idempotent
 * per household and Idempotency-Key — and their reversal by the property manager as a new ledger entry.
 */
@NullMarked
package org.communitycarbon.credits.redemption;

import org.jspecify.annotations.NullMarked;
