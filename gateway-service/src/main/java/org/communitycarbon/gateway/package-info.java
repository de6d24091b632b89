/**
 * The gateway: the platform's single entry point for the dashboard, the mobile app and the reporting API.
 * It routes {@code /api/<service>/**} to each service, refuses what carries no valid JWT before it reaches
 * a service (each service checks the token and the caller's scope again), answers errors as RFC 9457
 * problem details, and serves the landing page.
 */
@NullMarked
package org.communitycarbon.gateway;

import org.jspecify.annotations.NullMarked;
