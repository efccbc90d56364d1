package io.marginstream.client.cli;

import java.io.PrintStream;
import java.util.Map;

/** What every command of one CLI run shares: its streams, its environment, the top command's options. */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> env, MscCommand root) {
    /** The printer for this run's {@code --json} and {@code --raw}. */
    Output output() {
        return new Output(out, root.json, root.raw);
    }
}
