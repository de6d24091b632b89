/**
 * The tables this library owns in every service's schema (outbox, inbox), migrated by a Flyway of its
 * own with its own history table, after the service's migrations.
 */
@NullMarked
package org.communitycarbon.support.persistence;

import org.jspecify.annotations.NullMarked;
