/**
 * Daily rollups of consumption and reductions in each community's local calendar, maintained in the transaction
 * that stores the readings and reductions they sum ({@link org.communitycarbon.accounting.rollup.Rollups}), and
 * the calendar they use ({@link org.communitycarbon.accounting.rollup.LocalCalendar}).
 */
@NullMarked
package org.communitycarbon.accounting.rollup;

import org.jspecify.annotations.NullMarked;
