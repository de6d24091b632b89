/**
 * The community's live stream for the dashboard: work-order changes, alerts and bin readings as server-sent events, to
 * the property team and street office of that community only.
 */
@NullMarked
package org.communitycarbon.ops.live;

import org.jspecify.annotations.NullMarked;
