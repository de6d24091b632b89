package org.communitycarbon.credits.redemption;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.support.web.PageView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each community's catalogue of what its residents can spend credits on. */
@Service
class Catalogue {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private static final String COLUMNS = "id, community_id, kind, name_zh, name_en, price, stock, valid_from, valid_until";

    private final JdbcClient jdbc;

    Catalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    CatalogueItemView add(String communityId, CatalogueItemRequest item) {
        checkWindow(item);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO catalogue_item (id, community_id, kind, name_zh, name_en, price, stock, valid_from, valid_until,
                                            created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())""")
                .params(id, communityId, item.kind().name(), item.nameZh(), item.nameEn(), item.price(), item.stock(),
                        Timestamp.from(micros(item.validFrom())), Timestamp.from(micros(item.validUntil())))
                .update();
        return find(communityId, id).orElseThrow();
    }

    /** Replaces an item's terms; the stock is set, not added to. Empty when the community has no such item. */
    @Transactional
    Optional<CatalogueItemView> change(String communityId, UUID id, CatalogueItemRequest item) {
        checkWindow(item);
        int changed = jdbc.sql("""
                UPDATE catalogue_item SET kind = ?, name_zh = ?, name_en = ?, price = ?, stock = ?, valid_from = ?,
                                          valid_until = ?, updated_at = now()
                WHERE id = ? AND community_id = ?""")
                .params(item.kind().name(), item.nameZh(), item.nameEn(), item.price(), item.stock(),
                        Timestamp.from(micros(item.validFrom())), Timestamp.from(micros(item.validUntil())), id, communityId)
                .update();
        return changed == 0 ? Optional.empty() : find(communityId, id);
    }

    @Transactional(readOnly = true)
    Optional<CatalogueItemView> find(String communityId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM catalogue_item WHERE id = ? AND community_id = ?")
                .params(id, communityId).query(Catalogue::item).optional();
    }

    /** A community's items, those that can be redeemed now only when {@code currentOnly}, ending soonest first. */
    @Transactional(readOnly = true)
    PageView<CatalogueItemView> list(String communityId, boolean currentOnly, int page, int size) {
        String where = "community_id = ?" + (currentOnly ? " AND valid_from <= now() AND valid_until > now()" : "");
        long total = jdbc.sql("SELECT count(*) FROM catalogue_item WHERE " + where).param(communityId).query(Long.class).single();
        List<CatalogueItemView> items = jdbc.sql("SELECT " + COLUMNS + " FROM catalogue_item WHERE " + where
                        + " ORDER BY valid_until, id LIMIT ? OFFSET ?")
                .params(communityId, size, (long) page * size).query(Catalogue::item).list();
        return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    private static void checkWindow(CatalogueItemRequest item) {
        if (item.validFrom().isBefore(EARLIEST) || !item.validFrom().isBefore(LATEST)) {
            throw new ContractViolation("validFrom", "must be between 2000 and 9999");
        }
        if (!item.validUntil().isAfter(item.validFrom()) || !item.validUntil().isBefore(LATEST)) {
            throw new ContractViolation("validUntil", "must be after validFrom and before 9999");
        }
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static CatalogueItemView item(ResultSet rs, int row) throws SQLException {
        return new CatalogueItemView(rs.getObject("id", UUID.class), rs.getString("community_id"),
                ItemKind.valueOf(rs.getString("kind")), rs.getString("name_zh"), rs.getString("name_en"), rs.getLong("price"),
                rs.getInt("stock"), rs.getTimestamp("valid_from").toInstant(), rs.getTimestamp("valid_until").toInstant());
    }
}
