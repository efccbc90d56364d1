package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JournalFiles#writeFully} writes exactly the buffer's remaining bytes, a large heap buffer in slices too. */
class JournalFilesTest {
    @Test
    void writeFully_largeHeapBufferFromAnOffset_writesExactlyItsRemainingBytes(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[3 * JournalFiles.WRITE_SLICE_BYTES + 12_345];
        new Random(5).nextBytes(bytes);
        ByteBuffer src = ByteBuffer.wrap(bytes);
        src.position(7).limit(bytes.length - 3);
        Path file = dir.resolve("f");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2}));
            JournalFiles.writeFully(ch, src);
        }
        assertEquals(bytes.length - 3, src.position());
        byte[] written = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {1, 2}, Arrays.copyOf(written, 2));
        assertArrayEquals(Arrays.copyOfRange(bytes, 7, bytes.length - 3), Arrays.copyOfRange(written, 2, written.length));
    }
}
