/**
 * The recycling categories: what each is, what a recycler pays per kg and how many credits a kg earns.
 * Seeded by migration; other features ask {@link org.communitycarbon.recycling.catalog.Catalog} which
 * category codes exist.
 */
@NullMarked
package org.communitycarbon.recycling.catalog;

import org.jspecify.annotations.NullMarked;
