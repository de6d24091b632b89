/** Whether each service answers, for the landing page and for people. */
@NullMarked
package org.communitycarbon.gateway.status;

import org.jspecify.annotations.NullMarked;
