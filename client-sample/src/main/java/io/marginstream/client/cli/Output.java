package io.marginstream.client.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the commands print: key/value blocks and tables with right-aligned numbers, times as
 * {@code 2026-12-01 06:22:13Z} (UTC; {@code --raw} keeps epoch ms), or the raw result with {@code --json}. One
 * instance per command run, on the command's thread (watch lines are printed under its lock).
 */
final class Output {
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Result fields that hold epoch milliseconds besides those ending in {@code Time}. */
    private static final Set<String> TIME_FIELDS = Set.of("authorizedSince", "expiryDate", "connectedSince", "timestamp",
            "retryAfter", "E", "T", "time");

    final PrintStream out;
    final boolean json;
    final boolean raw;

    Output(PrintStream out, boolean json, boolean raw) {
        this.out = out;
        this.json = json;
        this.raw = raw;
    }

    /** Whether {@code field} holds epoch ms. */
    static boolean isTime(String field) {
        return field.endsWith("Time") || TIME_FIELDS.contains(field);
    }

    /** Epoch ms as {@code 2026-12-01 06:22:13Z}, or as the number with {@code --raw}. */
    String time(long epochMs) {
        return raw ? Long.toString(epochMs) : DATE_TIME.format(Instant.ofEpochMilli(epochMs));
    }

    /** Epoch ms as {@code 06:22:13.123Z}, or as the number with {@code --raw}. */
    String clock(long epochMs) {
        return raw ? Long.toString(epochMs) : CLOCK.format(Instant.ofEpochMilli(epochMs));
    }

    /** A value as text: {@code -} for null, times formatted, lists comma-separated, maps as {@code k=v, …}. */
    String text(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return "-";
        }
        if (v.isIntegralNumber() && field != null && isTime(field)) {
            return time(v.asLong());
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(text(null, e)));
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            v.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + text(e.getKey(), e.getValue())));
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }
        return v.asText();
    }

    /** Prints the raw JSON and returns true with {@code --json}. */
    boolean printedJson(JsonNode node) {
        if (json) {
            out.println(node == null ? "null" : node.toPrettyString());
        }
        return json;
    }

    /** An object as aligned {@code key  value} lines, in the server's field order. */
    void object(JsonNode node) {
        if (printedJson(node)) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rows.add(new String[] {e.getKey(), text(e.getKey(), e.getValue())});
        }
        keyValues(rows);
    }

    /** Aligned {@code key  value} lines. */
    void keyValues(List<String[]> rows) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] r : rows) {
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", r[0], r[1]);
        }
    }

    /**
     * Rows (an array, or one object as one row) as a table of the {@code columns} that any row has.
     */
    void table(JsonNode rows, List<String> columns) {
        if (printedJson(rows)) {
            return;
        }
        List<JsonNode> list = new ArrayList<>();
        if (rows.isArray()) {
            rows.forEach(list::add);
        } else {
            list.add(rows);
        }
        if (list.isEmpty()) {
            out.println("(none)");
            return;
        }
        List<String> cols = new ArrayList<>();
        for (String c : columns) {
            if (list.stream().anyMatch(r -> r.has(c))) {
                cols.add(c);
            }
        }
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode r : list) {
            List<String> line = new ArrayList<>();
            cols.forEach(c -> line.add(text(c, r.get(c))));
            cells.add(line);
        }
        grid(cols, cells);
    }

    /** A header and rows of cells: first column left-aligned, the others right-aligned. */
    void grid(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        out.println(line(header, w));
        for (List<String> r : rows) {
            out.println(line(r, w));
        }
    }

    private static String line(List<String> cells, int[] w) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String fmt = i == 0 ? "%-" + w[i] + "s  " : "%" + w[i] + "s  ";
            s.append(String.format(Locale.ROOT, fmt, cells.get(i)));
        }
        return s.toString().stripTrailing();
    }
}
