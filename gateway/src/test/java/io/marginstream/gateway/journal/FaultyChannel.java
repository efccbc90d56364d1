package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real {@link FileChannel} with switchable I/O faults, standing in for a failing disk: when armed, {@code write}
 * writes at most {@code bytesBeforeFailure} more bytes for real and then throws, and {@code force} throws.
 */
final class FaultyChannel extends FileChannel {
    private final FileChannel delegate;
    private volatile boolean failWrites;
    private volatile boolean failForce;
    private volatile long bytesBeforeFailure;

    FaultyChannel(FileChannel delegate) {
        this.delegate = delegate;
    }

    /** From now on, writes fail after {@code bytesBeforeFailure} more bytes have reached the file. */
    void failWritesAfter(long bytesBeforeFailure) {
        this.bytesBeforeFailure = bytesBeforeFailure;
        this.failWrites = true;
    }

    /** From now on, {@code force} fails. */
    void failForce() {
        this.failForce = true;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!failWrites) {
            return delegate.write(src);
        }
        if (bytesBeforeFailure <= 0) {
            throw new IOException("injected: No space left on device");
        }
        int n = (int) Math.min(src.remaining(), bytesBeforeFailure);
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + n);
        int written = delegate.write(part);
        src.position(src.position() + written);
        bytesBeforeFailure -= written;
        return written;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failForce) {
            throw new IOException("injected: Input/output error on fsync");
        }
        delegate.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return delegate.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (failWrites) {
            throw new IOException("injected: No space left on device");
        }
        return delegate.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
