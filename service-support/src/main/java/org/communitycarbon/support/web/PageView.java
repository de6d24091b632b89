package org.communitycarbon.support.web;

import java.util.List;

import org.springframework.data.domain.Page;

/** One page of a list, with what a client needs to ask for the next. */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> PageView<T> of(Page<T> page) {
        return new PageView<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages());
    }
}
