package io.marginstream.protocol.message;

/** Stream names of PROTOCOL.md §6 and the {@code server} stream of §1. Stateless. */
public final class Streams {
    public static final String USER_DATA = "userData";
    public static final String MARGIN_RATIO = "marginRatio";
    /** All symbols' mark prices; {@code markPrice@<symbol>} for one. */
    public static final String MARK_PRICE = "markPrice";
    public static final String MARK_PRICE_PREFIX = "markPrice@";
    /** The stream of {@code serverShutdown}; not subscribable. */
    public static final String SERVER = "server";

    private Streams() {
    }

    /** {@code markPrice@<symbol>}. */
    public static String markPrice(String symbol) {
        return MARK_PRICE_PREFIX + symbol;
    }

    /** The symbol of a {@code markPrice@<symbol>} name, or {@code null} for any other name. */
    public static String markPriceSymbol(String stream) {
        return stream.startsWith(MARK_PRICE_PREFIX) && stream.length() > MARK_PRICE_PREFIX.length()
                ? stream.substring(MARK_PRICE_PREFIX.length()) : null;
    }

    /** Whether the stream carries account data (needs a logged-on session with READ). */
    public static boolean isAccountStream(String stream) {
        return USER_DATA.equals(stream) || MARGIN_RATIO.equals(stream);
    }

    /** Whether a client may subscribe to a stream of this name (the symbol is checked elsewhere). */
    public static boolean isSubscribable(String stream) {
        return isAccountStream(stream) || MARK_PRICE.equals(stream) || markPriceSymbol(stream) != null;
    }
}
