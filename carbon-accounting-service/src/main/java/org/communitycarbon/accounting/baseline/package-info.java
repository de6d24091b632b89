/**
 * Electricity baselines and the savings settled against them: a household's expected electricity in a local month
 * (the same month a year before, else its first months, else the median per member of its community type), the actual
 * consumption from the daily rollups, and a monthly job that records what was saved, once per household and month, as an
 * {@code ELECTRICITY_SAVING} reduction; baselines of buildings and the community as sums; baselines recomputed, and the
 * recomputation recorded, when the registry changes a household's members or replaces its meter (docs/accounting.md).
 */
@NullMarked
package org.communitycarbon.accounting.baseline;

import org.jspecify.annotations.NullMarked;
