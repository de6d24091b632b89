/**
 * The credits service: the incentive loop's ledger. Each carbon reduction recorded by the accounting
 * service is credited to its household once, however often it is delivered.
 */
@NullMarked
package org.communitycarbon.credits;

import org.jspecify.annotations.NullMarked;
