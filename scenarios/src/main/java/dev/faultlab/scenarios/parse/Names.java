package dev.faultlab.scenarios.parse;

import java.util.regex.Pattern;

/**
 * Scenario and fault names: they become toxic names on the proxy ({@code <scenario>.<fault>}), in
 * API paths and in the fault metric's label, so letters, digits, {@code -} and {@code _} only.
 */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private Names() {
    }

    static String check(Fields f, String key, String name) {
        if (!NAME.matcher(name).matches()) {
            throw f.error(key, "'" + name + "' may hold letters, digits, '-' and '_' only");
        }
        return name;
    }
}
