package org.communitycarbon.accounting.methodology;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.communitycarbon.accounting.methodology.MethodologyRequests.FactorDraft;
import org.communitycarbon.accounting.methodology.MethodologyRequests.NewAssignment;
import org.communitycarbon.accounting.methodology.MethodologyRequests.NewMethodology;
import org.communitycarbon.accounting.methodology.MethodologyRequests.VersionDraft;
import org.communitycarbon.accounting.methodology.MethodologyViews.Assignment;
import org.communitycarbon.accounting.methodology.MethodologyViews.FactorView;
import org.communitycarbon.accounting.methodology.MethodologyViews.MethodologySummary;
import org.communitycarbon.accounting.methodology.MethodologyViews.Status;
import org.communitycarbon.accounting.methodology.MethodologyViews.VersionSummary;
import org.communitycarbon.accounting.methodology.MethodologyViews.VersionView;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Unit;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Methodologies, versions, factors and assignments in PostgreSQL (migration V3). */
@Component
@Transactional
class MethodologyStore {

    private final JdbcClient jdbc;
    private final AccountingSettings settings;
    private final Clock clock;

    MethodologyStore(JdbcClient jdbc, AccountingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<MethodologySummary> all(boolean withDrafts) {
        Map<String, List<VersionSummary>> versions = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT methodology_id, version, region, effective_from, effective_until, published_at FROM methodology_version
                WHERE published_at IS NOT NULL OR :drafts ORDER BY methodology_id, version""")
                .param("drafts", withDrafts)
                .query(rs -> {
                    versions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new VersionSummary(rs.getInt(2),
                            rs.getString(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                            rs.getTimestamp(6) == null ? Status.DRAFT : Status.PUBLISHED, instant(rs, 6)));
                });
        return jdbc.sql("SELECT id, title, description FROM methodology ORDER BY id")
                .query((rs, n) -> new MethodologySummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(1).equals(settings.defaultMethodology()), versions.getOrDefault(rs.getString(1), List.of())))
                .list();
    }

    /** A version; a draft only when {@code withDrafts}. */
    @Transactional(readOnly = true)
    VersionView version(String methodologyId, int version, boolean withDrafts) {
        VersionRow row = row(methodologyId, version, false).filter(r -> withDrafts || r.publishedAt() != null)
                .orElseThrow(() -> new NotFoundException("Methodology " + methodologyId + " has no version " + version));
        List<FactorView> factors = jdbc.sql((row.publishedAt() == null ? """
                SELECT NULL::bigint AS id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table,
                       source_year, uncertain FROM draft_factor WHERE version_id = ?""" : """
                SELECT id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table,
                       source_year, uncertain FROM methodology_factor WHERE version_id = ?""") + " ORDER BY kind, applies_to")
                .param(row.id())
                .query((rs, n) -> factor(rs)).list();
        return new VersionView(methodologyId, version, row.region(), row.from(), row.until(), row.notes(),
                row.publishedAt() == null ? Status.DRAFT : Status.PUBLISHED, row.draftedBy(), row.draftedAt(), row.publishedBy(),
                row.publishedAt(), factors);
    }

    void create(NewMethodology methodology) {
        int created = jdbc.sql("INSERT INTO methodology (id, title, description) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(methodology.id(), methodology.title(), methodology.description()).update();
        if (created == 0) {
            throw new ConflictException("Methodology " + methodology.id() + " exists");
        }
    }

    /** Drafts the methodology's next version; returns its number. */
    int draft(String methodologyId, VersionDraft draft, String actor) {
        jdbc.sql("SELECT id FROM methodology WHERE id = ? FOR UPDATE").param(methodologyId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("There is no methodology " + methodologyId));
        int version = jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM methodology_version WHERE methodology_id = ?")
                .param(methodologyId).query(Integer.class).single();
        long id = jdbc.sql("""
                INSERT INTO methodology_version (methodology_id, version, region, effective_from, effective_until, notes, drafted_by)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(methodologyId, version, draft.region(), draft.effectiveFrom(), draft.effectiveUntil(), draft.notes(), actor)
                .query(Long.class).single();
        insertDraftFactors(id, draft.factors());
        return version;
    }

    /** Replaces a draft's dates, region, notes and factors. */
    void redraft(String methodologyId, int version, VersionDraft draft) {
        VersionRow row = draftRow(methodologyId, version);
        jdbc.sql("UPDATE methodology_version SET region = ?, effective_from = ?, effective_until = ?, notes = ? WHERE id = ?")
                .params(draft.region(), draft.effectiveFrom(), draft.effectiveUntil(), draft.notes(), row.id()).update();
        jdbc.sql("DELETE FROM draft_factor WHERE version_id = ?").param(row.id()).update();
        insertDraftFactors(row.id(), draft.factors());
    }

    /** Freezes a draft: its factors become published factors, which figures may name from now on. */
    void publish(String methodologyId, int version, String actor) {
        VersionRow row = draftRow(methodologyId, version);
        List<String> kinds = jdbc.sql("SELECT kind FROM draft_factor WHERE version_id = ? AND applies_to IN ('', 'national')")
                .param(row.id()).query(String.class).list();
        for (FactorKind kind : FactorKind.values()) {
            if (kind.requiredForPublication() && !kinds.contains(kind.name())) {
                throw new ContractViolation("factors", "a version prices consumption, so it needs a " + kind
                        + " factor for all regions or for 'national'");
            }
        }
        jdbc.sql("""
                INSERT INTO methodology_factor (version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document,
                                                source_table, source_year, uncertain)
                SELECT version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document, source_table, source_year,
                       uncertain
                FROM draft_factor WHERE version_id = ? ORDER BY kind, applies_to""").param(row.id()).update();
        jdbc.sql("DELETE FROM draft_factor WHERE version_id = ?").param(row.id()).update();
        jdbc.sql("UPDATE methodology_version SET published_by = ?, published_at = ? WHERE id = ?")
                .params(actor, Timestamp.from(clock.instant()), row.id()).update();
    }

    void assign(String communityId, NewAssignment assignment, String actor) {
        boolean published = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM methodology_version WHERE methodology_id = ? AND published_at IS NOT NULL)""")
                .param(assignment.methodology()).query(Boolean.class).single();
        if (!published) {
            throw new ContractViolation("methodology", "there is no methodology '" + assignment.methodology()
                    + "' with a published version");
        }
        int added = jdbc.sql("""
                INSERT INTO methodology_assignment (community_id, methodology_id, effective_from, reason, assigned_by)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(communityId, assignment.methodology(), Timestamp.from(assignment.effectiveFrom()), assignment.reason(), actor)
                .update();
        if (added == 0) {
            throw new ConflictException("Community " + communityId + " already has an assignment from " + assignment.effectiveFrom());
        }
    }

    @Transactional(readOnly = true)
    List<Assignment> history(String communityId) {
        return jdbc.sql("""
                SELECT methodology_id, effective_from, reason, assigned_by, assigned_at FROM methodology_assignment
                WHERE community_id = ? ORDER BY effective_from, id""")
                .param(communityId)
                .query((rs, n) -> new Assignment(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    private VersionRow draftRow(String methodologyId, int version) {
        VersionRow row = row(methodologyId, version, true)
                .orElseThrow(() -> new NotFoundException("Methodology " + methodologyId + " has no version " + version));
        if (row.publishedAt() != null) {
            throw new ConflictException("Methodology " + methodologyId + " version " + version
                    + " is published and never changes: draft a new version");
        }
        return row;
    }

    private Optional<VersionRow> row(String methodologyId, int version, boolean lock) {
        return jdbc.sql("""
                SELECT id, region, effective_from, effective_until, notes, drafted_by, drafted_at, published_by, published_at
                FROM methodology_version WHERE methodology_id = ? AND version = ?""" + (lock ? " FOR UPDATE" : ""))
                .params(methodologyId, version)
                .query((rs, n) -> new VersionRow(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getString(8), instant(rs, 9)))
                .optional();
    }

    private void insertDraftFactors(long versionId, List<FactorDraft> factors) {
        for (FactorDraft f : factors) {
            jdbc.sql("""
                    INSERT INTO draft_factor (version_id, kind, applies_to, value, per_quantity, per_unit, gas, source_document,
                                              source_table, source_year, uncertain)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(versionId, f.kind().name(), f.appliesTo(), f.value(), f.perQuantity(), f.perUnit().name(), f.gas().name(),
                            f.source().document(), f.source().table(), f.source().year(), f.uncertain())
                    .update();
        }
    }

    private static FactorView factor(ResultSet rs) throws SQLException {
        FactorKind kind = FactorKind.valueOf(rs.getString(2));
        BigDecimal value = plain(rs.getBigDecimal(4));
        BigDecimal perQuantity = plain(rs.getBigDecimal(5));
        Unit perUnit = Unit.valueOf(rs.getString(6));
        Gas gas = Gas.valueOf(rs.getString(7));
        long id = rs.getLong(1);
        return new FactorView(rs.wasNull() ? null : id, kind, rs.getString(3), value, perQuantity, perUnit, gas,
                plain(value.divide(perQuantity, MathContext.DECIMAL64)),
                gas.unit().symbol() + " per " + (perQuantity.compareTo(BigDecimal.ONE) == 0 ? "" : perQuantity.toPlainString() + " ")
                        + perUnit.symbol(),
                new Factor.Source(rs.getString(8), rs.getString(9), (Integer) rs.getObject(10)), rs.getBoolean(11));
    }

    /** Without trailing zeros, and never in exponent notation (10, not 1E+1). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record VersionRow(long id, String region, LocalDate from, @Nullable LocalDate until, String notes, String draftedBy,
            Instant draftedAt, @Nullable String publishedBy, @Nullable Instant publishedAt) {
    }
}
