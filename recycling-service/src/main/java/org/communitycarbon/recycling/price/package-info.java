/**
 * A community's recycling prices: numbered versions, each applying from a local date, giving per category what its
 * recyclers pay in CNY per kg and how many credits a kg earns. A published version is never edited; until a community
 * publishes one, the catalogue's example defaults apply. Other features ask
 * {@link org.communitycarbon.recycling.price.PriceLists} which version is in force at an instant.
 */
@NullMarked
package org.communitycarbon.recycling.price;

import org.jspecify.annotations.NullMarked;
