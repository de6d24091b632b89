/**
 * The notification inbox: what the platform tells people (an escalated work order to the level it reached, sorting
 * guidance to a household, a resident's report moving on to its reporter), addressed to a role of a community, a
 * household or one user, and read by each user at {@code /api/ops/me/notifications}.
 */
@NullMarked
package org.communitycarbon.ops.notification;

import org.jspecify.annotations.NullMarked;
