/**
 * Carbon portraits and rankings: a household's, building's and community's months compared with their peers —
 * buildings ranked within a community, communities within a street, a resident's household among anonymised
 * neighbours — from the daily rollups and the registry's households and members.
 */
@NullMarked
package org.communitycarbon.accounting.portrait;

import org.jspecify.annotations.NullMarked;
