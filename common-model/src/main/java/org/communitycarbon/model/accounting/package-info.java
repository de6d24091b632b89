/** What the carbon-accounting service publishes: reductions credited to a household. */
@NullMarked
package org.communitycarbon.model.accounting;

import org.jspecify.annotations.NullMarked;
