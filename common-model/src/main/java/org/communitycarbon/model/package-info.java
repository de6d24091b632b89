/**
 * Contracts between the services: the envelope every event shares, quantities with units, and the
 * identifiers. Each feature package holds its events and, next to them, the topic they travel on.
 * <p>
 * Nothing here depends on Spring or on a JSON library: the records are plain Java and validate
 * themselves in their constructors, so a malformed message fails where it is read, with the name of
 * the field at fault.
 */
@NullMarked
package org.communitycarbon.model;

import org.jspecify.annotations.NullMarked;
