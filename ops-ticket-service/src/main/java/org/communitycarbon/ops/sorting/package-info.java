/**
 * Sorting guidance: deposits a sorting bin's camera recognised as another kind than the bin's are wrongly sorted drops;
 * each is a notice to the household naming the right category, repeated ones a {@code SORTING_VISIT} work order for the
 * sorting volunteers (never a penalty), and every deposit counts for the community's monthly sorting accuracy.
 */
@NullMarked
package org.communitycarbon.ops.sorting;

import org.jspecify.annotations.NullMarked;
