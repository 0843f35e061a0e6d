package org.cairn.platform.paging;

import java.util.List;

/**
 * One page of a list. Cairn's lists never return everything: the size is bounded by
 * {@link #MAX_SIZE}, and {@code hasMore} says whether another page follows (counting every match of
 * a search would cost more than the page itself).
 *
 * @param items this page's items
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param hasMore whether page {@code page + 1} has items
 */
public record Page<T>(List<T> items, int page, int size, boolean hasMore) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page from a query that fetched one row more than {@code size}: the extra row only tells
     * that more follow.
     */
    public static <T> Page<T> of(List<T> fetched, int page, int size) {
        boolean more = fetched.size() > size;
        return new Page<>(more ? fetched.subList(0, size) : fetched, page, size, more);
    }
}
