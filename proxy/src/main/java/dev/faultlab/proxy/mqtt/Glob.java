package dev.faultlab.proxy.mqtt;

import java.util.regex.Pattern;

/**
 * A glob over client ids and usernames, as faults and event filters take them: {@code *} matches any
 * run of characters, {@code ?} one character, everything else itself.
 */
public final class Glob {
    private final Pattern pattern;

    private Glob(Pattern pattern) {
        this.pattern = pattern;
    }

    public static Glob of(String glob) {
        StringBuilder regex = new StringBuilder();
        int literal = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(glob.substring(literal, i))).append(c == '*' ? ".*" : ".");
                literal = i + 1;
            }
        }
        regex.append(Pattern.quote(glob.substring(literal)));
        return new Glob(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /** Whether {@code value} matches; null never does. */
    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
