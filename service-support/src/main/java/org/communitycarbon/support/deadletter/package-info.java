/**
 * Dead-letter topics after the fact: what is in them, and re-driving them once the cause is fixed (a device
 * registered, a bug deployed away). Re-driving republishes each set-aside record to the topic it came from;
 * consumers are idempotent, so a record that was in fact applied, or re-driven twice, changes nothing.
 */
@NullMarked
package org.communitycarbon.support.deadletter;

import org.jspecify.annotations.NullMarked;
