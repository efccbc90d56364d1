package io.marginstream.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dashboard's static files: every file under the classpath folder {@code /web/} (in the jar, or in build
 * folders during tests), read once at construction and kept in memory. A request for anything else is a miss that
 * costs nothing: nothing is looked up on the classpath or cached at request time, so distinct unknown paths cannot
 * grow the heap.
 *
 * <p>Immutable after construction; thread-safe. Only plain relative paths made of letters, digits, {@code . _ - /}
 * are served; anything with {@code ..} or an empty segment is not found, so a request can never leave {@code /web/}.
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
    private static final Pattern SERVABLE = Pattern.compile("[A-Za-z0-9._/-]{1,200}");

    private final Map<String, Resource> files;

    public StaticFiles() {
        this("/web/");
    }

    /**
     * Reads every file under {@code classpathRoot} from every classpath entry that has it (the first entry wins a
     * name).
     *
     * @throws UncheckedIOException if a folder or jar cannot be read
     */
    public StaticFiles(String classpathRoot) {
        String root = classpathRoot.replaceAll("^/+", "").replaceAll("/*$", "/");
        Map<String, Resource> found = new HashMap<>();
        try {
            Enumeration<URL> roots = StaticFiles.class.getClassLoader().getResources(root);
            while (roots.hasMoreElements()) {
                readAll(roots.nextElement(), root, found);
            }
        } catch (IOException | URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot read the dashboard's files: " + e.getMessage(), e));
        }
        this.files = Map.copyOf(found);
    }

    private static void readAll(URL url, String root, Map<String, Resource> into)
            throws IOException, URISyntaxException {
        if (url.getProtocol().equals("jar")) {
            JarURLConnection c = (JarURLConnection) url.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = c.getJarFile()) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    if (!e.isDirectory() && e.getName().startsWith(root)) {
                        try (InputStream in = jar.getInputStream(e)) {
                            add(into, e.getName().substring(root.length()), in.readAllBytes());
                        }
                    }
                }
            }
        } else if (url.getProtocol().equals("file")) {
            Path dir = Path.of(url.toURI());
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    add(into, dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        }
    }

    private static void add(Map<String, Resource> into, String path, byte[] bytes) {
        if (servable(path)) {
            into.putIfAbsent(path, new Resource(bytes, contentType(path)));
        }
    }

    private static boolean servable(String path) {
        return SERVABLE.matcher(path).matches() && !path.contains("..") && !path.contains("//")
                && !path.endsWith("/") && !path.startsWith("/");
    }

    /** The file for a request path ({@code /} means {@code /index.html}), or empty when there is none. */
    public Optional<Resource> find(String requestPath) {
        String path = requestPath.equals("/") || requestPath.isEmpty() ? "index.html" : requestPath.substring(1);
        return Optional.ofNullable(files.get(path));
    }

    /** The paths served (relative to the root, e.g. {@code app.js}). */
    public Set<String> paths() {
        return files.keySet();
    }

    /** The content type for a file name, by extension; {@code application/octet-stream} when unknown. */
    public static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
