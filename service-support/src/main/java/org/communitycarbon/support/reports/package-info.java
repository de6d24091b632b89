/**
 * Monthly report figures: a service that declares a {@link org.communitycarbon.support.reports.MonthlyFiguresSource}
 * publishes its figures of each community's running month hourly and of the month just ended once more, through its
 * outbox, as a new revision only when they changed.
 */
@NullMarked
package org.communitycarbon.support.reports;

import org.jspecify.annotations.NullMarked;
