/**
 * The registry's places as accounting needs them (topic {@code sensing.places}): which building a household or
 * common area is in, and how many people live in a household, for building figures and figures per member.
 */
@NullMarked
package org.communitycarbon.accounting.place;

import org.jspecify.annotations.NullMarked;
