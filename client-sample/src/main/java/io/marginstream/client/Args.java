package io.marginstream.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line words split into positionals and {@code --name value} / {@code --name=value} options, plus the
 * boolean {@code --flag}s the caller names. Every option must be consumed ({@link #rejectUnused()}), so a typo is a
 * usage error rather than silently ignored.
 */
public final class Args {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    private Args() {}

    /** Parses {@code words}; names in {@code flags} take no value. */
    public static Args parse(String[] words, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (flags.contains(name)) {
                    value = "true";
                } else if (i + 1 < words.length) {
                    value = words[++i];
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
                if (a.options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else {
                a.positionals.add(w);
            }
        }
        return a;
    }

    public List<String> positionals() {
        return positionals;
    }

    public String get(String name) {
        used.add(name);
        return options.get(name);
    }

    public String get(String name, String dflt) {
        String v = get(name);
        return v != null ? v : dflt;
    }

    public String require(String name) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            throw new UsageException("missing --" + name);
        }
        return v;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(get(name, "false"));
    }

    public int getInt(String name, int dflt) {
        String v = get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    public double getDouble(String name, double dflt) {
        String v = get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    /** Fails with a usage error naming the first option nobody asked for. */
    public void rejectUnused() {
        for (String name : options.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    /** Wrong command-line usage: the CLI prints the message and exits with 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String msg) {
            super(msg, null, false, false);
        }
    }
}
