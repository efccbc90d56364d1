package io.marginstream.client.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * One subscriber of the subscribe-only load tester. Netty's client protocol handler does the handshake; then this
 * handler takes the frame decoder's place and reads the server's frames straight from the socket's bytes: for each
 * complete text frame it reads the timestamp in place ({@link FrameTimestamp}) and counts it in the shared
 * {@link StreamMeasure} — no frame objects, no copies, no strings, one clock read per socket read. Pings are
 * answered with a pong (masked, as a client must); a close frame ends the connection. Fragmented messages count
 * once, at their final fragment, timed by the first fragment's bytes when it carries the timestamp.
 *
 * <p>Owned by the channel's event loop; {@link #framesInWindow()}, {@link #connected()} and {@link #ended()} are
 * read by the driver thread (volatile).
 */
final class StreamSubscriber extends ChannelInboundHandlerAdapter {
    private static final String DECODER = "ws-decoder";
    /** A server frame larger than this closes the connection (a subscriber of a stream gets small frames). */
    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final StreamMeasure measure;
    private final FrameTimestamp timestamp;
    private final String subscribeMessage;
    private ByteBuf cumulation;
    private long fragmentStamp = FrameTimestamp.NONE;
    private volatile boolean connected;
    private volatile boolean ended;
    private volatile long framesInWindow;

    StreamSubscriber(StreamMeasure measure, FrameTimestamp timestamp, String subscribeMessage) {
        this.measure = measure;
        this.timestamp = timestamp;
        this.subscribeMessage = subscribeMessage;
    }

    /** Handshake completed and the connection has not ended. */
    boolean connected() {
        return connected;
    }

    /** The connection ended (it failed, or it closed). */
    boolean ended() {
        return ended;
    }

    /** Frames received whose timestamp lies in the measured window. */
    long framesInWindow() {
        return framesInWindow;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            connected = true;
            measure.connected.incrementAndGet();
            if (subscribeMessage != null) {
                ctx.writeAndFlush(new TextWebSocketFrame(subscribeMessage));
            }
            // From here on the bytes come to this handler undecoded: it reads the frames in place.
            if (ctx.pipeline().get(DECODER) != null) {
                ctx.pipeline().remove(DECODER);
            }
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            measure.failed("handshake timeout");
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            // a frame the decoder produced before it was removed (it came with the handshake's response)
            if (msg instanceof TextWebSocketFrame text) {
                count(text.content(), text.content().readerIndex(), text.content().writerIndex(),
                        StreamMeasure.nowMicros());
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        long arrived = StreamMeasure.nowMicros();
        ByteBuf buf = in;
        if (cumulation != null) {
            cumulation.writeBytes(in);
            in.release();
            buf = cumulation;
        }
        try {
            while (readFrame(ctx, buf, arrived)) {
                // one frame read and counted
            }
        } catch (RuntimeException e) {
            measure.failed("bad frame: " + e.getMessage());
            ctx.close();
        }
        if (buf.isReadable()) {
            if (cumulation == null) {
                cumulation = ctx.alloc().heapBuffer(Math.max(256, buf.readableBytes() * 2));
                cumulation.writeBytes(buf);
                buf.release();
            } else {
                cumulation.discardReadBytes();
            }
        } else if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        } else {
            buf.release();
        }
    }

    /** Reads one complete frame from {@code b}, if there is one: true when it did. */
    private boolean readFrame(ChannelHandlerContext ctx, ByteBuf b, long arrived) {
        int start = b.readerIndex();
        int avail = b.readableBytes();
        if (avail < 2) {
            return false;
        }
        int b0 = b.getUnsignedByte(start);
        int b1 = b.getUnsignedByte(start + 1);
        if ((b1 & 0x80) != 0) {
            throw new IllegalStateException("the server masked a frame");
        }
        long len = b1 & 0x7F;
        int header = 2;
        if (len == 126) {
            if (avail < 4) {
                return false;
            }
            len = b.getUnsignedShort(start + 2);
            header = 4;
        } else if (len == 127) {
            if (avail < 10) {
                return false;
            }
            len = b.getLong(start + 2);
            header = 10;
        }
        if (len > MAX_FRAME_BYTES) {
            throw new IllegalStateException("frame of " + len + " bytes");
        }
        if (avail < header + len) {
            return false;
        }
        int from = start + header;
        int to = (int) (from + len);
        boolean fin = (b0 & 0x80) != 0;
        switch (b0 & 0x0F) {
            case 1, 0 -> {
                if (fin) {
                    count(b, from, to, arrived);
                } else if (fragmentStamp == FrameTimestamp.NONE) {
                    fragmentStamp = timestamp.read(b, from, to);
                }
            }
            case 8 -> {
                measure.closed(len >= 2 ? b.getUnsignedShort(from) : 1005);
                ctx.close();
            }
            case 9 -> pong(ctx, b, from, to);
            default -> {
                // pong or binary: not part of the stream
            }
        }
        b.readerIndex(to);
        return true;
    }

    private void count(ByteBuf b, int from, int to, long arrived) {
        long ts = fragmentStamp != FrameTimestamp.NONE ? fragmentStamp : timestamp.read(b, from, to);
        fragmentStamp = FrameTimestamp.NONE;
        if (measure.count(ts, arrived)) {
            framesInWindow++;
        }
    }

    /** A pong with the ping's payload, masked with the all-zero key (any key is allowed; zero leaves it as is). */
    private static void pong(ChannelHandlerContext ctx, ByteBuf b, int from, int to) {
        int n = to - from;
        if (n > 125) {
            return;
        }
        ByteBuf out = ctx.alloc().buffer(6 + n);
        out.writeByte(0x8A).writeByte(0x80 | n).writeInt(0).writeBytes(b, from, n);
        ctx.writeAndFlush(out, ctx.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connected) {
            connected = false;
            measure.connected.decrementAndGet();
        }
        ended = true;
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        measure.failed(LoadSession.describe(cause));
        ctx.close();
    }
}
