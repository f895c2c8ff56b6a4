package dev.faultlab.scenarios.model;

/** A client id pattern as the proxy reads it: {@code *} any run of characters, {@code ?} one. */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(String pattern, String text) {
        if (text == null) {
            return false;
        }
        return matches(pattern, 0, text, 0);
    }

    private static boolean matches(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int rest = t; rest <= text.length(); rest++) {
                    if (matches(pattern, p + 1, text, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }
}
