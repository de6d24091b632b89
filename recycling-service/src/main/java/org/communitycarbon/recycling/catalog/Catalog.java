package org.communitycarbon.recycling.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The recycling categories, for the catalogue endpoint and for features that take category codes. */
@Service
@Transactional(readOnly = true)
public class Catalog {

    private final RecyclingCategoryRepository categories;

    Catalog(RecyclingCategoryRepository categories) {
        this.categories = categories;
    }

    /** Every category, in the catalogue's order. */
    public List<CategoryView> categories() {
        return categories.findAllByOrderBySortOrderAsc().stream().map(CategoryView::of).toList();
    }

    /** The codes of every category, in the catalogue's order. */
    public Set<String> codes() {
        Set<String> codes = new LinkedHashSet<>();
        categories.findAllByOrderBySortOrderAsc().forEach(category -> codes.add(category.code()));
        return codes;
    }
}
