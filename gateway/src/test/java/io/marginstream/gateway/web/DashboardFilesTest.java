package io.marginstream.gateway.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's static files as packed on the classpath under {@code /web/}: flat (the gateway serves
 * {@code /<name>}), everything the page and its modules reference is there, and nothing is loaded from another host
 * (no CDN, no build step).
 */
class DashboardFilesTest {
    private static final Pattern HTML_REF = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
    private static final Pattern JS_IMPORT = Pattern.compile("(?m)^\\s*(?:import|export)\\b[^;]*?from\\s+'([^']+)'");
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(?:https?:|wss?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    /** The SVG namespace is an identifier, not a fetch. */
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    private static Path webDir() throws URISyntaxException {
        URL url = DashboardFilesTest.class.getResource("/web/index.html");
        assertNotNull(url, "no /web/index.html on the classpath");
        return Path.of(url.toURI()).getParent();
    }

    private static Set<String> files() throws Exception {
        try (Stream<Path> s = Files.list(webDir())) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static String read(String name) throws IOException, URISyntaxException {
        return Files.readString(webDir().resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void webFolder_isFlat_withServableNames() throws Exception {
        try (Stream<Path> s = Files.list(webDir())) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(List.of(), dirs, "the gateway serves /<name> only");
        }
        for (String f : files()) {
            assertTrue(f.matches("[A-Za-z0-9._-]+\\.(html|js|css)"), "unexpected file " + f);
        }
    }

    @Test
    void everyReference_ofThePageAndItsModules_exists() throws Exception {
        Set<String> files = files();
        List<String> missing = new ArrayList<>();
        Matcher m = HTML_REF.matcher(read("index.html"));
        int refs = 0;
        while (m.find()) {
            String ref = m.group(1);
            if (ref.startsWith("data:")) {
                continue;
            }
            refs++;
            if (!files.contains(ref)) {
                missing.add("index.html → " + ref);
            }
        }
        assertTrue(refs >= 2, "index.html should load style.css and app.js");
        for (String f : files) {
            if (!f.endsWith(".js")) {
                continue;
            }
            Matcher im = JS_IMPORT.matcher(read(f));
            while (im.find()) {
                String target = im.group(1);
                if (!target.startsWith("./") || !files.contains(target.substring(2))) {
                    missing.add(f + " → " + target);
                }
            }
        }
        assertEquals(List.of(), missing, "references that the gateway cannot serve");
    }

    @Test
    void noFile_loadsAnythingFromAnotherHost() throws Exception {
        List<String> found = new ArrayList<>();
        for (String f : files()) {
            Matcher m = ABSOLUTE_URL.matcher(read(f).replace(SVG_NS, ""));
            while (m.find()) {
                found.add(f + ": " + m.group());
            }
        }
        assertEquals(List.of(), found, "the dashboard must not depend on a CDN or any other host");
    }
}
