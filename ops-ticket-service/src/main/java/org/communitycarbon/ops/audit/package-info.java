/**
 * The platform's audit log: every service's {@code platform.audit} events, kept once each in an append-only table,
 * searched by admins ({@code GET /api/ops/audit}).
 */
@NullMarked
package org.communitycarbon.ops.audit;

import org.jspecify.annotations.NullMarked;
