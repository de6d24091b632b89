/**
 * Monthly report figures: each service publishes, per community and month, the figures only it can count
 * ({@link org.communitycarbon.model.reports.MonthlyFiguresPublished}); the ops service keeps them and composes the
 * monthly reports of communities and streets from them.
 */
@NullMarked
package org.communitycarbon.model.reports;

import org.jspecify.annotations.NullMarked;
