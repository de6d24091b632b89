package org.communitycarbon.support.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any answer of the API as CSV, for a client that asks with {@code Accept: text/csv}: a list, or a page's
 * {@code items}, is one row per element; any other object is one row. The columns are the JSON answer's fields, in
 * its order — a nested object's fields as {@code parent.child}, a nested list as its JSON text — so the CSV says what
 * the JSON says, with the same names and formats. A text cell a spreadsheet would run as a formula (one starting
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) is prefixed with an apostrophe;
 * numbers are written as they are. Errors stay problem details in JSON.
 */
public final class CsvExport extends AbstractHttpMessageConverter<Object> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** Most nested levels flattened into columns; deeper objects are written as JSON text. */
    private static final int MAX_DEPTH = 4;
    private static final Pattern FORMULA = Pattern.compile("^[=+\\-@\\t\\r].*", Pattern.DOTALL);
    private static final Pattern FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]+");

    private final JsonMapper json;

    public CsvExport(JsonMapper json) {
        super(TEXT_CSV, new MediaType("text", "csv"));
        this.json = json;
    }

    @Override
    public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return !ProblemDetail.class.isAssignableFrom(clazz) && !CharSequence.class.isAssignableFrom(clazz)
                && !byte[].class.equals(clazz);
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage inputMessage) {
        throw new HttpMessageNotReadableException("CSV is for answers only", inputMessage);
    }

    @Override
    protected void writeInternal(Object answer, HttpOutputMessage outputMessage) throws IOException {
        outputMessage.getHeaders().setContentDisposition(ContentDisposition.attachment().filename(fileName()).build());
        List<Map<String, String>> rows = rows(json.valueToTree(answer));
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        // an object that is null in one row and has fields in another is shown by its fields' columns
        columns.removeIf(column -> columns.stream().anyMatch(other -> other.startsWith(column + ".")));
        Writer writer = new OutputStreamWriter(outputMessage.getBody(), StandardCharsets.UTF_8);
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get().print(writer)) {
            for (Map<String, String> row : rows) {
                List<String> cells = new ArrayList<>(columns.size());
                for (String column : columns) {
                    cells.add(row.getOrDefault(column, ""));
                }
                csv.printRecord(cells);
            }
        }
    }

    /** The rows of an answer: a list's elements, a page's items, or the answer itself. */
    static List<Map<String, String>> rows(JsonNode answer) {
        JsonNode elements = answer.isArray() ? answer
                : answer.isObject() && answer.path("items").isArray() ? answer.get("items") : null;
        List<Map<String, String>> rows = new ArrayList<>();
        if (elements == null) {
            rows.add(row(answer));
        }
        else {
            elements.forEach(element -> rows.add(row(element)));
        }
        return rows;
    }

    private static Map<String, String> row(JsonNode element) {
        Map<String, String> row = new LinkedHashMap<>();
        if (element.isObject()) {
            flatten("", element, row, 0);
        }
        else {
            row.put("value", cell(element));
        }
        return row;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> row, int depth) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && depth < MAX_DEPTH) {
                flatten(name + ".", value, row, depth + 1);
            }
            else {
                row.put(name, cell(value));
            }
        }
    }

    private static String cell(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toPlainString();
        }
        if (value.isBoolean()) {
            return value.asString();
        }
        String text = value.isString() ? value.asString() : value.toString();
        return FORMULA.matcher(text).matches() ? "'" + text : text;
    }

    /** The request path's last segments, as a file name: {@code maple-court-work-orders.csv}. */
    private static String fileName() {
        String name = "export";
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String[] segments = attributes.getRequest().getRequestURI().split("/");
            int from = Math.max(0, segments.length - 3);
            List<String> kept = new ArrayList<>();
            for (int i = from; i < segments.length; i++) {
                if (!segments[i].isBlank() && !segments[i].equals("api") && !segments[i].equals("communities")) {
                    kept.add(segments[i]);
                }
            }
            if (!kept.isEmpty()) {
                name = String.join("-", kept);
            }
        }
        name = FILE_NAME.matcher(name).replaceAll("_");
        return (name.length() > 100 ? name.substring(0, 100) : name) + ".csv";
    }
}
