/**
 * One household, one code (一户一码): the signed QR payload a resident's app shows, rotated and revoked by the resident
 * or the property manager, and resolved by merchants and the property team to an opaque reference — never the
 * household id — that a merchant debit can name.
 */
@NullMarked
package org.communitycarbon.credits.householdcode;

import org.jspecify.annotations.NullMarked;
