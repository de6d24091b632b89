/**
 * Tamper evidence of the ledger: recomputing each account's hash chain and naming the first entry that does not
 * match, and periodic checkpoints that seal every account's chain head under a published root.
 */
@NullMarked
package org.communitycarbon.credits.integrity;

import org.jspecify.annotations.NullMarked;
