/**
 * Shared tools not brought back: the recycling service's overdue reminders (recycling.tool-reminders) become notices
 * in the household's residents' notification inbox.
 */
@NullMarked
package org.communitycarbon.ops.tools;

import org.jspecify.annotations.NullMarked;
