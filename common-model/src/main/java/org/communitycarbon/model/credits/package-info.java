/** What the credits service publishes: credits entered in a household's ledger. */
@NullMarked
package org.communitycarbon.model.credits;

import org.jspecify.annotations.NullMarked;
