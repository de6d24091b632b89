package org.communitycarbon.recycling.catalog;

import java.util.List;

import org.springframework.data.repository.Repository;

interface RecyclingCategoryRepository extends Repository<RecyclingCategory, String> {

    List<RecyclingCategory> findAllByOrderBySortOrderAsc();
}
