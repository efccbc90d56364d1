package io.marginstream.gateway.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine packages are pure Java: no Netty, no Jackson (ARCHITECTURE.md). */
class EngineIsolationTest {

    @Test
    void enginePackages_importNoNettyNorJackson() throws IOException {
        Path root = Path.of("src/main/java/io/marginstream/gateway/engine");
        assertTrue(Files.isDirectory(root), "run from the gateway module: " + root.toAbsolutePath());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String src = Files.readString(p);
                    return src.contains("io.netty") || src.contains("com.fasterxml");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
