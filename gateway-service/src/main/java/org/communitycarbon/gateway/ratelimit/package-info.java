/**
 * Rate limits at the edge: every {@code /api/**} and {@code /auth/**} request counts against its client address, and,
 * once its token is verified, against its user; past either limit the gateway answers 429 with {@code Retry-After}.
 * Counts are token buckets (Bucket4j), in this gateway's memory or shared by several gateways in Redis.
 */
@NullMarked
package org.communitycarbon.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
