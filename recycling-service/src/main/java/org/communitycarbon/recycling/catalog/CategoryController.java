package org.communitycarbon.recycling.catalog;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** The recycling catalogue, readable by every signed-in caller whatever their role. */
@RestController
@RequestMapping("/api/recycling")
class CategoryController {

    private final Catalog catalog;

    CategoryController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/categories")
    @Operation(summary = "The recycling categories with price and credits per kg",
            description = "Eight categories. Credits per kg are 300 (0.3 kg CO2e per kg recycled, 1 credit per gram). "
                    + "Prices per kg are example defaults with no published source; a property company replaces them "
                    + "with what its licensed recyclers pay.")
    List<CategoryView> categories() {
        return catalog.categories();
    }
}
