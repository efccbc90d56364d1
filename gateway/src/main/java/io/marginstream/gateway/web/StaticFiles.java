package io.marginstream.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's static files, read once from the classpath folder {@code /web/} and kept in memory.
 *
 * <p>Thread-safe. Only plain relative paths made of letters, digits, {@code . _ - /} are served; anything with
 * {@code ..} or an empty segment is not found, so a request can never leave {@code /web/}.
 */
public final class StaticFiles {
    /** A file to serve: its bytes and its {@code Content-Type}. */
    public record Resource(byte[] bytes, String contentType) {}

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=UTF-8"),
            Map.entry("js", "text/javascript; charset=UTF-8"),
            Map.entry("mjs", "text/javascript; charset=UTF-8"),
            Map.entry("css", "text/css; charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=UTF-8"),
            Map.entry("map", "application/json"),
            Map.entry("woff2", "font/woff2"));

    private final String root;
    private final Map<String, Optional<Resource>> cache = new ConcurrentHashMap<>();

    public StaticFiles() {
        this("/web/");
    }

    public StaticFiles(String classpathRoot) {
        this.root = classpathRoot.endsWith("/") ? classpathRoot : classpathRoot + "/";
    }

    /** The file for a request path ({@code /} means {@code /index.html}), or empty when there is none. */
    public Optional<Resource> find(String requestPath) {
        String path = requestPath.equals("/") || requestPath.isEmpty() ? "index.html" : requestPath.substring(1);
        if (!path.matches("[A-Za-z0-9._/-]{1,200}") || path.contains("..") || path.contains("//")
                || path.endsWith("/")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(path, this::load);
    }

    private Optional<Resource> load(String path) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(root + path)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Resource(in.readAllBytes(), contentType(path)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The content type for a file name, by extension; {@code application/octet-stream} when unknown. */
    public static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
