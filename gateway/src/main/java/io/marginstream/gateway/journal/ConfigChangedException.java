package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Recovery found journal records written under another engine config (instruments, assets, margin model, risk,
 * portfolio-margin or collection limits) than the one starting now: replaying them would not reproduce the state
 * that acknowledged them, so start-up stops.
 */
public final class ConfigChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConfigChangedException(Path segment, long written, long now) {
        super("journal segment " + segment + " was written under engine config fingerprint "
                + Long.toHexString(written) + " but this config has fingerprint " + Long.toHexString(now)
                + " (its instruments, assets, marginModel, risk, portfolioMargin or collection limits changed): "
                + "replaying it would diverge. Start with the config it was written with and stop the gateway "
                + "cleanly (it takes a snapshot then), or use a new dataDir");
    }
}
