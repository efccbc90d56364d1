package io.marginstream.client.cli;

import io.marginstream.client.BackpressureException;
import io.marginstream.client.Cli;
import io.marginstream.client.Credentials;
import io.marginstream.client.ErrorHints;
import io.marginstream.client.GatewayClient;
import io.marginstream.client.GatewayListener;
import io.marginstream.client.UsageException;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command that talks to an account: connects, logs on with the run's credentials, runs {@link #run}, and turns
 * every failure into its message and exit code (see {@link Cli}). Runs on the CLI's main thread.
 */
abstract class AccountCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "ws://127.0.0.1:8090/ws";
    private static final Set<Integer> AUTH_CODES = Set.of(ErrorCode.UNAUTHORIZED.code(),
            ErrorCode.BAD_API_KEY_FORMAT.code(), ErrorCode.REJECTED_API_KEY.code(), ErrorCode.INVALID_SIGNATURE.code(),
            ErrorCode.INVALID_TIMESTAMP.code());

    final CliContext ctx;
    private Duration timeout;

    AccountCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** What the command does once logged on; returns the exit code. */
    abstract int run(GatewayClient client, Output out) throws Exception;

    /** Whether the client reconnects by itself (long-running commands). */
    boolean reconnects() {
        return false;
    }

    /** The listener of the client (long-running commands). */
    GatewayListener listener() {
        return new GatewayListener() { };
    }

    @Override
    public final Integer call() throws Exception {
        MscCommand o = ctx.root();
        String url = o.url != null ? o.url : ctx.env().getOrDefault("MARGINSTREAM_URL", DEFAULT_URL);
        timeout = Duration.ofSeconds(o.timeoutSeconds);
        Credentials credentials = credentials();
        GatewayClient client;
        try {
            String[] urls = url.split(",");
            client = GatewayClient.builder(urls[0].trim()).failover(java.util.Arrays.stream(urls).skip(1)
                            .map(String::trim).toArray(String[]::new)).credentials(credentials)
                    .requestTimeout(timeout).reconnect(reconnects()).listener(listener()).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (client) {
            try {
                await(client.connect());
            } catch (Failure f) {
                ctx.err().println("cannot connect to " + url + ": " + f.getCause().getMessage());
                return Cli.CONNECTION;
            }
            try {
                await(client.logon());
            } catch (Failure f) {
                if (f.getCause() instanceof ApiException e) {
                    ctx.err().println("logon failed: " + ErrorHints.explain(e));
                    return Cli.AUTH;
                }
                return fail(f);
            }
            return run(client, ctx.output());
        } catch (Failure f) {
            return fail(f);
        }
    }

    private Credentials credentials() {
        MscCommand o = ctx.root();
        String apiKey = o.apiKey != null ? o.apiKey : ctx.env().get("MARGINSTREAM_API_KEY");
        String secret = o.secret != null ? o.secret : ctx.env().get("MARGINSTREAM_SECRET");
        String keyFile = o.ed25519KeyFile != null ? o.ed25519KeyFile : ctx.env().get("MARGINSTREAM_ED25519_KEY_FILE");
        if (apiKey == null || apiKey.isEmpty()) {
            throw new UsageException("no API key: give --api-key or set MARGINSTREAM_API_KEY");
        }
        boolean hasSecret = secret != null && !secret.isEmpty();
        boolean hasKeyFile = keyFile != null && !keyFile.isEmpty();
        if (hasSecret == hasKeyFile) {
            throw new UsageException(hasSecret ? "give either a secret or an Ed25519 key file, not both"
                    : "no secret: give --secret / MARGINSTREAM_SECRET or --ed25519-key-file / "
                    + "MARGINSTREAM_ED25519_KEY_FILE");
        }
        if (hasSecret) {
            return Credentials.hmac(apiKey, secret);
        }
        try {
            return Credentials.ed25519(apiKey, Path.of(keyFile));
        } catch (IOException e) {
            throw new UsageException("cannot read the Ed25519 key file " + keyFile + ": " + e.getMessage());
        }
    }

    /** The exit code of a failed request, after printing why. */
    int fail(Failure f) {
        Throwable c = f.getCause();
        if (c instanceof ApiException e) {
            ctx.err().println("error: " + ErrorHints.explain(e));
            return AUTH_CODES.contains(e.code().code()) ? Cli.AUTH : Cli.REJECTED;
        }
        if (c instanceof TimeoutException) {
            ctx.err().println("error: no answer within " + timeout.toSeconds() + " s");
            return Cli.CONNECTION;
        }
        if (c instanceof BackpressureException b) {
            ctx.err().println("error: not sent: " + b.getMessage());
            return Cli.CONNECTION;
        }
        ctx.err().println("error: connection lost: " + c.getMessage());
        return Cli.CONNECTION;
    }

    /** The result of {@code f}, or a {@link Failure} with the unwrapped cause. */
    <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Failure(unwrap(e));
        } catch (TimeoutException e) {
            throw new Failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A request that failed; the cause is unwrapped. */
    static final class Failure extends RuntimeException {
        Failure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
