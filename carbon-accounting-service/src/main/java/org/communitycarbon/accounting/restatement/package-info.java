/**
 * Restatement: a community's local months recomputed under another published methodology version, from the stored
 * activity (the daily consumption rollups and the recorded reductions' activity), reported beside the figures as
 * recorded, each naming the factor versions behind it, with the difference in kg and per cent. A restatement changes
 * nothing recorded — no reduction, no event, no credit — and the same request is one report. See
 * docs/accounting.md#restating-history-under-another-version.
 */
@NullMarked
package org.communitycarbon.accounting.restatement;

import org.jspecify.annotations.NullMarked;
