package io.marginstream.client.cli;

import picocli.CommandLine.Command;
import io.marginstream.client.Cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The top command, {@code msc}: the options every command shares (given before or after the command name), and the
 * usage when run without a command. Each subcommand is one class of this package, registered in
 * {@link io.marginstream.client.Cli}.
 */
@Command(name = "msc", mixinStandardHelpOptions = true, version = "marginstream-client 0.1.0",
        synopsisSubcommandLabel = "COMMAND",
        description = "The MarginStream command line: one command per common task against a gateway's WebSocket API.",
        footerHeading = "%n",
        footer = {"Credentials come from the options or the environment: MARGINSTREAM_API_KEY with MARGINSTREAM_SECRET "
                + "(HMAC) or MARGINSTREAM_ED25519_KEY_FILE; prefer the variables, arguments are visible to other "
                + "users in the process list.",
                "Exit codes: 0 ok, 1 rejected by the server, 2 usage error, 3 connection failed or lost, "
                        + "4 authentication failed.",
                "Run 'msc COMMAND --help' for a command's options and the meaning of its columns."})
public final class MscCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "gateway WebSocket URL (default ws://127.0.0.1:8090/ws, env MARGINSTREAM_URL); a "
                    + "comma-separated list names several gateway nodes of a cluster, tried in turn after a lost "
                    + "connection")
    String url;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "API key (env MARGINSTREAM_API_KEY)")
    String apiKey;

    @Option(names = "--secret", scope = ScopeType.INHERIT, paramLabel = "SECRET",
            description = "HMAC secret (env MARGINSTREAM_SECRET)")
    String secret;

    @Option(names = "--ed25519-key-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Ed25519 private key, PKCS#8 PEM or base64 (env MARGINSTREAM_ED25519_KEY_FILE)")
    String ed25519KeyFile;

    @Option(names = "--timeout-seconds", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "10",
            description = "how long to wait for each answer (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print results as the server's JSON")
    boolean json;

    @Option(names = "--raw", scope = ScopeType.INHERIT,
            description = "print times as epoch milliseconds instead of 2026-12-01 06:22:13Z")
    boolean raw;

    /** Without a command: the usage, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Cli.USAGE;
    }
}
