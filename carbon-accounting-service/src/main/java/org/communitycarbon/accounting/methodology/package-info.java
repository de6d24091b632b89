/**
 * Methodologies: the emission and reduction factors a community's accounting uses. Two ship by default:
 * the Wuhan pilot's published factors, reproduced exactly, and the same with electricity savings credited
 * at the MEE 2023 national grid factor. Each is configuration, not code, so a community type with other
 * parameters is a new entry.
 */
@NullMarked
package org.communitycarbon.accounting.methodology;

import org.jspecify.annotations.NullMarked;
