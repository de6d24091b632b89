/**
 * Every error a service answers is an RFC 9457 problem detail ({@code application/problem+json}); a
 * validation error names each field at fault under {@code invalid-params}. The OpenAPI description of
 * each service is served at {@code /api/<service>/openapi}.
 */
@NullMarked
package org.communitycarbon.support.web;

import org.jspecify.annotations.NullMarked;
