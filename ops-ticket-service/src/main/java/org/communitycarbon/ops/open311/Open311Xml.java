package org.communitycarbon.ops.open311;

import java.util.List;
import java.util.Map;

/** The XML of GeoReport v2: a root element of elements of flat fields, each value escaped; a list is its items. */
final class Open311Xml {

    private Open311Xml() {
    }

    static String document(String root, String item, List<Map<String, Object>> items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<").append(root).append('>');
        for (Map<String, Object> fields : items) {
            xml.append('<').append(item).append('>');
            fields.forEach((name, value) -> element(xml, name, value));
            xml.append("</").append(item).append('>');
        }
        return xml.append("</").append(root).append(">\n").toString();
    }

    static String errors(int code, String description) {
        return document("errors", "error", List.of(Open311Errors.error(code, description)));
    }

    private static void element(StringBuilder xml, String name, Object value) {
        xml.append('<').append(name).append('>');
        if (value instanceof List<?> list) {
            for (Object entry : list) {
                element(xml, name.endsWith("s") ? name.substring(0, name.length() - 1) : name, entry);
            }
        }
        else if (value != null) {
            xml.append(escape(String.valueOf(value)));
        }
        xml.append("</").append(name).append('>');
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    // characters XML 1.0 cannot carry are dropped
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
