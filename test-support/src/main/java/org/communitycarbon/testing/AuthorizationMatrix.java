package org.communitycarbon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.jayway.jsonpath.JsonPath;

/**
 * The authorization matrix of one service: every operation of its OpenAPI description × every kind of caller,
 * against a table kept in the service's test resources. An operation missing from the table fails the test, so a
 * new endpoint cannot be forgotten; a row whose operation no longer exists fails it too.
 *
 * <p>The table ({@code authorization-matrix.txt}) has a row per operation: the method, the path as the OpenAPI
 * description writes it, and what each caller gets, in the order of {@link Caller}. A cell is {@code 401},
 * {@code 403} or {@code 404} exactly, or {@code ok}: allowed — 2xx, or 400, 404, 409 or 422 when the (deliberately
 * minimal) request's content or target is refused. The path's {@code {communityId}} and {@code {householdId}} are
 * the community and household of the "own" callers; the starred callers hold the same role for another community
 * (or, for {@code resident~}, another household of the same community). Every call is made with a minimal body
 * ({@code {}} for JSON) so that an operation reading its body before deciding who may call shows up as a 400 where
 * the table says 403.
 *
 * <p><b>Optional columns.</b> Callers added after the first services had their tables ({@code committee} and
 * {@code committee*}, the residents' committee of the own and of another community) are <em>optional</em>: a table
 * whose header line lists the required columns only is checked for the required callers only, and the optional callers
 * are not called; a table whose header adds the optional columns (after the required ones, in this order) must fill
 * them in every row, and they are checked like the others. So a new role is checked where it matters (the ops-ticket
 * service, which escalates work orders to the committee) without a column of {@code 403}s in every service's table —
 * a service that does not list the role in any {@code @Allowed} refuses it anyway. Adding the columns to a service's
 * table is how that service starts being checked for the committee. The partner platforms ({@code partner}, acting for
 * {@link #PARTNER}, and {@code partner*}, acting for another partner) are optional columns too. A header lists the
 * required columns, then any of the optional ones in this order ({@code committee committee* partner partner*}, or
 * only {@code partner partner*}).
 */
public final class AuthorizationMatrix {

    public static final String COMMUNITY = "matrix-own";
    public static final String OTHER_COMMUNITY = "matrix-other";
    public static final String HOUSEHOLD = "matrix-h1";
    public static final String OTHER_HOUSEHOLD = "matrix-h2";
    /** The partner platform of the {@code partner} caller; {@code partner*} acts for {@link #OTHER_PARTNER}. */
    public static final String PARTNER = "matrix-partner";
    public static final String OTHER_PARTNER = "matrix-partner2";

    /** The callers, in the table's column order. */
    public enum Caller {
        ANONYMOUS("anonymous", () -> null),
        RESIDENT("resident", () -> TestTokens.resident(COMMUNITY, HOUSEHOLD)),
        MANAGER("manager", () -> TestTokens.propertyManager(COMMUNITY)),
        STAFF("staff", () -> TestTokens.staff(COMMUNITY)),
        STREET("street", () -> TestTokens.streetOffice("matrix-street", COMMUNITY)),
        MERCHANT("merchant", TestTokens::merchant),
        ADMIN("admin", TestTokens::admin),
        NEIGHBOUR("resident~", () -> TestTokens.resident(COMMUNITY, OTHER_HOUSEHOLD)),
        FOREIGN_RESIDENT("resident*", () -> TestTokens.resident(OTHER_COMMUNITY, HOUSEHOLD)),
        FOREIGN_MANAGER("manager*", () -> TestTokens.propertyManager(OTHER_COMMUNITY)),
        FOREIGN_STAFF("staff*", () -> TestTokens.staff(OTHER_COMMUNITY)),
        FOREIGN_STREET("street*", () -> TestTokens.streetOffice("other-street", OTHER_COMMUNITY)),
        COMMITTEE("committee", () -> TestTokens.residentsCommittee(COMMUNITY), true),
        FOREIGN_COMMITTEE("committee*", () -> TestTokens.residentsCommittee(OTHER_COMMUNITY), true),
        PARTNER("partner", () -> TestTokens.partner(AuthorizationMatrix.PARTNER), true),
        FOREIGN_PARTNER("partner*", () -> TestTokens.partner(OTHER_PARTNER), true);

        final String column;
        private final Supplier<String> token;
        /** Checked only in tables whose header lists the column. */
        final boolean optional;

        Caller(String column, Supplier<String> token) {
            this(column, token, false);
        }

        Caller(String column, Supplier<String> token, boolean optional) {
            this.column = column;
            this.token = token;
            this.optional = optional;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Set<Integer> CONTENT_REFUSED = Set.of(400, 404, 409, 422);

    private final MockMvc mvc;
    private final String openApiPath;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();

    private AuthorizationMatrix(MockMvc mvc, String openApiPath) {
        this.mvc = mvc;
        this.openApiPath = openApiPath;
        values.put("communityId", COMMUNITY);
        values.put("householdId", HOUSEHOLD);
        values.put("partnerId", PARTNER);
        values.put("topic", "matrix.unknown-dlt");
    }

    /** The matrix of the service answering {@code mvc}, whose OpenAPI description is at {@code openApiPath}. */
    public static AuthorizationMatrix of(MockMvc mvc, String openApiPath) {
        return new AuthorizationMatrix(mvc, openApiPath);
    }

    /**
     * The value of a path variable, required query parameter or required header other than the community and
     * household (an id the service's fixture made, a topic's name...).
     */
    public AuthorizationMatrix with(String name, String value) {
        values.put(name, value);
        return this;
    }

    /**
     * A body for one operation ({@code "POST /api/ops/work-orders/{id}/resolve"}) instead of the minimal one: for an
     * operation that may only decide who may call it once the body is valid and the target looked up.
     */
    public AuthorizationMatrix withBody(String operation, String body) {
        bodies.put(operation, body);
        return this;
    }

    /** Calls every operation as every caller and compares with the table {@code resource} of the test's classpath. */
    public void verify(String resource) throws Exception {
        Table read = read(resource);
        Map<String, Row> table = read.rows();
        List<Caller> callers = read.callers();
        Map<String, Operation> operations = operations();
        assertThat(table.keySet()).as("rows of %s without an operation in %s", resource, openApiPath)
                .isSubsetOf(operations.keySet());
        assertThat(bodies.keySet()).as("bodies given for operations that %s does not have", openApiPath)
                .isSubsetOf(operations.keySet());
        List<String> unlisted = new ArrayList<>();
        for (Map.Entry<String, Operation> entry : operations.entrySet()) {
            if (!table.containsKey(entry.getKey())) {
                unlisted.add(observed(entry.getValue(), callers));
            }
        }
        assertThat(unlisted).as("operations of %s without a row in %s; each is shown as the service answers it today: decide "
                + "who should be allowed, then add the row", openApiPath, resource).isEmpty();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Operation> entry : operations.entrySet()) {
            Row row = table.get(entry.getKey());
            for (int i = 0; i < callers.size(); i++) {
                Caller caller = callers.get(i);
                String expected = row.cells().get(i);
                int status = call(entry.getValue(), caller);
                if (!matches(expected, status)) {
                    mismatches.add(entry.getKey() + " as " + caller.column + ": expected " + expected + ", got " + status);
                }
            }
        }
        assertThat(mismatches).as("callers answered otherwise than the matrix says").isEmpty();
    }

    private String observed(Operation operation, List<Caller> callers) throws Exception {
        StringBuilder row = new StringBuilder(operation.method() + " " + operation.path());
        for (Caller caller : callers) {
            int status = call(operation, caller);
            row.append(' ').append(status == 401 || status == 403 || status == 404 ? String.valueOf(status) : matches("ok", status) ? "ok" : status);
        }
        return row.toString();
    }

    private static boolean matches(String expected, int status) {
        if (status >= 500) {
            return false;
        }
        if (expected.equals("ok")) {
            return (status >= 200 && status < 300) || CONTENT_REFUSED.contains(status);
        }
        return Integer.parseInt(expected) == status;
    }

    private int call(Operation operation, Caller caller) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(operation.method()),
                fill(operation.path()));
        for (String name : operation.requiredQuery()) {
            request.queryParam(name, value(name, operation));
        }
        for (String name : operation.requiredHeaders()) {
            request.header(name, value(name, operation));
        }
        String token = caller.token.get();
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
        }
        if (operation.bodyType() != null) {
            String body = bodies.getOrDefault(operation.key(), operation.bodyType().contains("json") ? "{}" : "");
            request.contentType(operation.bodyType()).content(body);
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private String fill(String path) {
        Matcher matcher = VARIABLE.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("No value for {" + matcher.group(1) + "} of " + path + ": give one with with()");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private String value(String name, Operation operation) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("No value for the required parameter " + name + " of " + operation.key()
                    + ": give one with with()");
        }
        return value;
    }

    private Map<String, Operation> operations() throws Exception {
        String json = mvc.perform(MockMvcRequestBuilders.get(openApiPath)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Map<String, Map<String, Object>> paths = JsonPath.read(json, "$.paths");
        Map<String, Operation> operations = new LinkedHashMap<>();
        paths.forEach((path, methods) -> methods.forEach((method, description) -> {
            if (description instanceof Map<?, ?> operation) {
                var op = Operation.of(method.toUpperCase(), path, operation);
                operations.put(op.key(), op);
            }
        }));
        return operations;
    }

    /** The table's rows and the callers its columns name, in order. */
    private record Table(Map<String, Row> rows, List<Caller> callers) {
    }

    private static Table read(String resource) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<Caller> required = Arrays.stream(Caller.values()).filter(caller -> !caller.optional).toList();
        List<Caller> callers = required;
        try (InputStream in = Objects.requireNonNull(AuthorizationMatrix.class.getClassLoader().getResourceAsStream(resource),
                () -> "no " + resource + " on the test classpath")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                if (fields[0].equals("method")) {
                    List<String> header = List.of(fields).subList(2, fields.length);
                    List<String> columns = required.stream().map(caller -> caller.column).toList();
                    List<Caller> optional = Arrays.stream(Caller.values()).filter(caller -> caller.optional).toList();
                    List<Caller> named = header.size() < columns.size() || !header.subList(0, columns.size()).equals(columns)
                            ? null : optionalColumns(header.subList(columns.size(), header.size()), optional);
                    if (named == null) {
                        throw new IllegalStateException(resource + ": the columns are " + columns + ", optionally followed by "
                                + "some of " + optional.stream().map(caller -> caller.column).toList() + " in that order, not "
                                + header);
                    }
                    List<Caller> all = new ArrayList<>(required);
                    all.addAll(named);
                    callers = all;
                    continue;
                }
                if (fields.length != 2 + callers.size()) {
                    throw new IllegalStateException(resource + ": a row has a method, a path and " + callers.size()
                            + " cells: " + line);
                }
                List<String> cells = List.of(fields).subList(2, fields.length);
                for (String cell : cells) {
                    if (!Set.of("ok", "401", "403", "404").contains(cell)) {
                        throw new IllegalStateException(resource + ": a cell is ok, 401, 403 or 404, not " + cell + ": " + line);
                    }
                }
                String key = fields[0] + " " + fields[1];
                if (rows.put(key, new Row(cells)) != null) {
                    throw new IllegalStateException(resource + ": two rows for " + key);
                }
            }
        }
        return new Table(rows, callers);
    }

    /**
     * The optional callers {@code header} names, in their order and each at most once; null when it names anything else.
     */
    private static @Nullable List<Caller> optionalColumns(List<String> header, List<Caller> optional) {
        List<Caller> named = new ArrayList<>();
        int next = 0;
        for (String column : header) {
            while (next < optional.size() && !optional.get(next).column.equals(column)) {
                next++;
            }
            if (next == optional.size()) {
                return null;
            }
            named.add(optional.get(next++));
        }
        return named;
    }

    private record Row(List<String> cells) {
    }

    private record Operation(String method, String path, Set<String> requiredQuery, Set<String> requiredHeaders,
            String bodyType) {

        String key() {
            return method + " " + path;
        }

        @SuppressWarnings("unchecked")
        static Operation of(String method, String path, Map<?, ?> operation) {
            Set<String> query = new TreeSet<>();
            Set<String> headers = new TreeSet<>();
            if (operation.get("parameters") instanceof List<?> parameters) {
                for (Object parameter : parameters) {
                    Map<String, Object> p = (Map<String, Object>) parameter;
                    if (Boolean.TRUE.equals(p.get("required"))) {
                        switch (String.valueOf(p.get("in"))) {
                            case "query" -> query.add(String.valueOf(p.get("name")));
                            case "header" -> headers.add(String.valueOf(p.get("name")));
                            default -> {
                            }
                        }
                    }
                }
            }
            String bodyType = null;
            if (operation.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content
                    && !content.isEmpty()) {
                bodyType = String.valueOf(content.keySet().iterator().next());
            }
            return new Operation(method, path, query, headers, bodyType);
        }
    }
}
