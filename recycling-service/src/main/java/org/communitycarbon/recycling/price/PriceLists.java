package org.communitycarbon.recycling.price;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.recycling.catalog.Catalog;
import org.communitycarbon.recycling.catalog.CategoryView;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's price versions: published by its property manager (or an admin), never edited, each applying from a
 * local date. The version in force at an instant is the one with the latest start not after it (of two starting
 * together, the later published); before a community's first version, the catalogue's defaults (version 0).
 */
@Service
public class PriceLists {

    private static final String HEADER = """
            SELECT community_id, version, effective_from, effective_at, published_at, note FROM price_list""";

    private final JdbcTemplate jdbc;
    private final Catalog catalog;
    private final PriceSettings settings;
    private final Clock clock;

    PriceLists(JdbcTemplate jdbc, Catalog catalog, PriceSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Publishes the community's next version. It must price every category of the catalogue once and apply from today
     * (from now on) or a later local date, at most {@link PriceSettings#maxDaysAhead()} ahead.
     *
     * @throws ContractViolation naming the field at fault
     */
    @Transactional
    public PriceListView publish(String communityId, PriceListRequest request, Caller by) {
        List<CategoryView> categories = catalog.categories();
        Map<String, CategoryView> known = new LinkedHashMap<>();
        categories.forEach(category -> known.put(category.code(), category));
        Map<String, PriceItemRequest> items = new LinkedHashMap<>();
        for (int i = 0; i < request.items().size(); i++) {
            PriceItemRequest item = request.items().get(i);
            if (!known.containsKey(item.category())) {
                throw new ContractViolation("items[" + i + "].category", "unknown category '" + item.category() + "'; known are "
                        + String.join(", ", known.keySet()));
            }
            if (items.putIfAbsent(item.category(), item) != null) {
                throw new ContractViolation("items[" + i + "].category", "category " + item.category() + " is priced twice");
            }
        }
        List<String> missing = known.keySet().stream().filter(code -> !items.containsKey(code)).toList();
        if (!missing.isEmpty()) {
            throw new ContractViolation("items", "a version prices every category; missing " + String.join(", ", missing));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        LocalDate from = request.effectiveFrom();
        if (from.isBefore(today)) {
            throw new ContractViolation("effectiveFrom", "must be today (" + today + " in " + settings.zone()
                    + ") or later: a published price never reprices what already happened, was " + from);
        }
        if (from.isAfter(today.plusDays(settings.maxDaysAhead()))) {
            throw new ContractViolation("effectiveFrom", "must be at most " + settings.maxDaysAhead() + " days ahead, was " + from);
        }
        Instant effectiveAt = from.equals(today) ? now : from.atStartOfDay(settings.zone()).toInstant();
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        // One publication per community at a time: the next number is taken under the lock.
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (ResultSet rs) -> null, "price-list/" + communityId);
        Integer last = jdbc.queryForObject("SELECT max(version) FROM price_list WHERE community_id = ?", Integer.class, communityId);
        int version = last == null ? 1 : last + 1;
        jdbc.update("""
                INSERT INTO price_list (community_id, version, effective_from, effective_at, note, published_at, published_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", communityId, version, from, Timestamp.from(effectiveAt), note,
                Timestamp.from(now), by.subject().isEmpty() ? "unknown" : by.subject());
        List<Object[]> rows = new ArrayList<>();
        for (CategoryView category : categories) {
            PriceItemRequest item = items.get(category.code());
            int credits = item.creditsPerKg() == null ? category.creditsPerKg() : item.creditsPerKg();
            rows.add(new Object[] {communityId, version, category.code(), item.pricePerKgCny(), credits});
        }
        jdbc.batchUpdate("""
                INSERT INTO price_list_item (community_id, version, category, price_per_kg_cny, credits_per_kg)
                VALUES (?, ?, ?, ?, ?)""", rows);
        return version(communityId, version);
    }

    /** The version of the community's prices in force at {@code at}, or the catalogue's defaults (version 0). */
    @Transactional(readOnly = true)
    public PriceListView inForce(String communityId, Instant at) {
        List<PriceListView> found = jdbc.query(HEADER
                + " WHERE community_id = ? AND effective_at <= ? ORDER BY effective_at DESC, version DESC LIMIT 1",
                (rs, n) -> header(rs), communityId, Timestamp.from(at));
        return found.isEmpty() ? defaults(communityId) : withItems(List.of(found.get(0))).get(0);
    }

    /** Every published version of the community, newest first. */
    @Transactional(readOnly = true)
    public PageView<PriceListView> versions(String communityId, int page, int size) {
        Integer total = jdbc.queryForObject("SELECT count(*) FROM price_list WHERE community_id = ?", Integer.class, communityId);
        List<PriceListView> headers = jdbc.query(HEADER + " WHERE community_id = ? ORDER BY version DESC LIMIT ? OFFSET ?",
                (rs, n) -> header(rs), communityId, size, (long) page * size);
        return PageView.of(new PageImpl<>(withItems(headers), PageRequest.of(page, size), total == null ? 0 : total));
    }

    private PriceListView version(String communityId, int version) {
        return withItems(jdbc.query(HEADER + " WHERE community_id = ? AND version = ?", (rs, n) -> header(rs), communityId,
                version)).get(0);
    }

    private PriceListView defaults(String communityId) {
        return new PriceListView(communityId, 0, null, null, null, null, catalog.categories().stream()
                .map(category -> new PriceView(category.code(), category.pricePerKgCny(), category.creditsPerKg())).toList());
    }

    /** The headers with their items, in the catalogue's order; a category added after a version has its default. */
    private List<PriceListView> withItems(List<PriceListView> headers) {
        if (headers.isEmpty()) {
            return headers;
        }
        Map<Integer, Map<String, PriceView>> items = new HashMap<>();
        jdbc.query("""
                SELECT version, category, price_per_kg_cny, credits_per_kg FROM price_list_item
                WHERE community_id = ? AND version = ANY (?)""", (ResultSet rs) -> {
                    items.computeIfAbsent(rs.getInt("version"), v -> new HashMap<>()).put(rs.getString("category"),
                            new PriceView(rs.getString("category"), rs.getBigDecimal("price_per_kg_cny"), rs.getInt("credits_per_kg")));
                }, headers.get(0).communityId(), headers.stream().map(PriceListView::version).toArray(Integer[]::new));
        List<CategoryView> categories = catalog.categories();
        return headers.stream().map(header -> {
            Map<String, PriceView> priced = items.getOrDefault(header.version(), Map.of());
            List<PriceView> all = categories.stream().map(category -> priced.getOrDefault(category.code(),
                    new PriceView(category.code(), category.pricePerKgCny(), category.creditsPerKg()))).toList();
            return new PriceListView(header.communityId(), header.version(), header.effectiveFrom(), header.effectiveAt(),
                    header.publishedAt(), header.note(), all);
        }).toList();
    }

    private static PriceListView header(ResultSet rs) throws SQLException {
        return new PriceListView(rs.getString("community_id"), rs.getInt("version"), rs.getObject("effective_from", LocalDate.class),
                instant(rs.getTimestamp("effective_at")), instant(rs.getTimestamp("published_at")), rs.getString("note"), List.of());
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
