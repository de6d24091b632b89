/**
 * The credits service's answers to the credits this service asks it to move (credits.credit-request-outcomes): tool
 * deposits held, released or forfeited, and the exchange's asking credits transferred.
 */
@NullMarked
package org.communitycarbon.recycling.credits;

import org.jspecify.annotations.NullMarked;
