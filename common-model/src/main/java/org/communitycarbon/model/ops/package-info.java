/** What the ops-ticket service publishes: alerts that opened a work order. */
@NullMarked
package org.communitycarbon.model.ops;

import org.jspecify.annotations.NullMarked;
