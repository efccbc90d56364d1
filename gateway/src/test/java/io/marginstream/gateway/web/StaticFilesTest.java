package io.marginstream.gateway.web;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's files are read once at construction; requests only look them up. */
class StaticFilesTest {
    @Test
    void everyFileUnderWeb_isLoadedAtStartUp_fromEveryClasspathEntry() {
        StaticFiles web = new StaticFiles();
        assertTrue(web.paths().containsAll(Set.of("index.html", "app.js", "style.css")), web.paths().toString());
        assertTrue(web.paths().contains("probe.js"), "test resources are a second classpath entry");
        assertEquals("text/html; charset=UTF-8", web.find("/").orElseThrow().contentType());
        assertTrue(web.find("/app.js").orElseThrow().bytes().length > 0);
    }

    @Test
    void misses_costNothing_andNeverLeaveTheRoot() {
        StaticFiles web = new StaticFiles();
        Set<String> before = Set.copyOf(web.paths());
        for (int i = 0; i < 10_000; i++) {
            assertTrue(web.find("/no-such-file-" + i + ".js").isEmpty());
        }
        for (String bad : new String[] {"/../web/app.js", "//app.js", "/app.js/", "/%2e%2e/app.js", "/a b.js"}) {
            assertTrue(web.find(bad).isEmpty(), bad);
        }
        assertEquals(before, web.paths(), "a miss adds nothing");
    }
}
