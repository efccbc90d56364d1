package io.marginstream.client;

import io.marginstream.client.cli.Commands;
import picocli.CommandLine;

import java.io.PrintStream;
import java.util.Map;

/**
 * The {@code marginstream-client} command line ({@code msc}): picocli subcommands, one class each in
 * {@code io.marginstream.client.cli}, with per-command {@code --help}. Exit codes: {@value #OK} ok,
 * {@value #REJECTED} the server rejected the request, {@value #USAGE} usage error, {@value #CONNECTION} connection
 * failed or lost, {@value #AUTH} authentication failed. Runs on the calling thread.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int REJECTED = 1;
    public static final int USAGE = 2;
    public static final int CONNECTION = 3;
    public static final int AUTH = 4;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    Cli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] argv) {
        int code = new Cli(System.out, System.err, System.getenv()).run(argv);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line and returns the exit code. */
    public int run(String[] argv) {
        CommandLine cmd = Commands.commandLine(out, err, env);
        return cmd.execute(argv);
    }
}
