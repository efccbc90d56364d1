package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The command tree of {@code msc}, one line per command: a new command is one class and one line here. Also the one
 * error path: a bad option or value and a {@link UsageException} print {@code usage error: …} and exit 2; any other
 * exception is a bug and prints its stack trace.
 */
public final class Commands {
    private Commands() {}

    /** A ready {@code msc} for one run, printing to {@code out} / {@code err}, reading {@code env}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
        MscCommand root = new MscCommand();
        CliContext ctx = new CliContext(out, err, env, root);
        CommandLine cmd = new CommandLine(root);
        cmd.addSubcommand(new StatusCommand(ctx));
        cmd.addSubcommand(new BalanceCommand(ctx));
        cmd.addSubcommand(new PositionsCommand(ctx));
        cmd.addSubcommand(new WatchCommand(ctx));
        cmd.addSubcommand(new TransferCommand(ctx));
        cmd.addSubcommand(new CollectCommand(ctx));
        cmd.addSubcommand(new OrderCommand(ctx));
        cmd.addSubcommand(new OrdersCommand(ctx));
        cmd.addSubcommand(new CancelCommand(ctx));
        cmd.addSubcommand(new CommandLine(new RiskCommand(ctx))
                .addSubcommand(new RiskCommand.Show(ctx))
                .addSubcommand(new RiskCommand.Update(ctx)));
        cmd.addSubcommand(new KeygenCommand(ctx));
        cmd.addSubcommand(new LoadtestCommand(ctx));
        cmd.addSubcommand(new LoadtestRestCommand(ctx));
        cmd.addSubcommand(new LoadtestStreamCommand(ctx));
        withHelp(cmd);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.registerConverter(BigDecimal.class, Commands::decimal);
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setParameterExceptionHandler((ex, args) -> usageError(err, ex.getMessage(), ex.getCommandLine()));
        cmd.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            if (ex instanceof UsageException || ex instanceof ParameterException) {
                return usageError(err, ex.getMessage(), commandLine);
            }
            throw ex;
        });
        return cmd;
    }

    /** {@code -h/--help} on every command, not only on {@code msc}. */
    private static void withHelp(CommandLine cmd) {
        cmd.getCommandSpec().mixinStandardHelpOptions(true);
        cmd.getSubcommands().values().forEach(Commands::withHelp);
    }

    private static int usageError(PrintStream err, String message, CommandLine where) {
        err.println("usage error: " + message);
        err.println("run '" + where.getCommandSpec().qualifiedName() + " --help' for the usage");
        return Cli.USAGE;
    }

    private static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("must be a decimal number, got '" + s + "'");
        }
    }
}
