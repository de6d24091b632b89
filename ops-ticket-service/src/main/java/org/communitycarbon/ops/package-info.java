/**
 * The ops-ticket service: intelligent supervision. Problems detected in sensor data become work orders
 * with an owner and a deadline, which the property team resolves and the street office oversees.
 */
@NullMarked
package org.communitycarbon.ops;

import org.jspecify.annotations.NullMarked;
