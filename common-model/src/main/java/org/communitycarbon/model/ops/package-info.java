/** What the ops-ticket service publishes: alerts that opened a work order, and each later change of an order. */
@NullMarked
package org.communitycarbon.model.ops;

import org.jspecify.annotations.NullMarked;
