package dev.faultlab.scenarios.model;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over {@code expr := term (('+'|'-') term)*}, {@code term := unary (('*'|'/')
 * unary)*}, {@code unary := '-' unary | atom}, {@code atom := NUMBER UNIT? | NAME | '(' expr ')'}.
 * Units: {@code ms}, {@code s}, {@code m}, {@code h}; a number without a unit is a plain number.
 * Names are parameters, letters, digits and {@code _}.
 */
public final class ExpressionParser {
    private final String text;
    private final Set<String> names = new HashSet<>();
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}; fails with a message that points at the offending character. */
    public static Expression parse(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        Expression.Node root = parser.expression();
        parser.skipSpaces();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
        }
        return new Expression(text.strip(), root, parser.names);
    }

    private Expression.Node expression() {
        Expression.Node left = term();
        for (char c = peek(); c == '+' || c == '-'; c = peek()) {
            pos++;
            left = new Expression.Node.Binary(c, left, term());
        }
        return left;
    }

    private Expression.Node term() {
        Expression.Node left = unary();
        for (char c = peek(); c == '*' || c == '/'; c = peek()) {
            pos++;
            left = new Expression.Node.Binary(c, left, unary());
        }
        return left;
    }

    private Expression.Node unary() {
        if (peek() == '-') {
            pos++;
            return new Expression.Node.Negate(unary());
        }
        return atom();
    }

    private Expression.Node atom() {
        char c = peek();
        if (c == '(') {
            pos++;
            Expression.Node inner = expression();
            if (peek() != ')') {
                throw error("missing ')'");
            }
            pos++;
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            String name = word();
            names.add(name);
            return new Expression.Node.Param(name);
        }
        throw error(c == 0 ? "expression ends too soon" : "unexpected '" + c + "'");
    }

    private Expression.Node number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        double value;
        try {
            value = Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad number '" + text.substring(start, pos) + "'");
        }
        if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            String unit = word().toLowerCase(Locale.ROOT);
            double factor = switch (unit) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> throw error("unknown unit '" + unit + "' (ms, s, m, h)");
            };
            return new Expression.Node.Literal(Quantity.millis(value * factor));
        }
        return new Expression.Node.Literal(Quantity.number(value));
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private char peek() {
        skipSpaces();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ScenarioException error(String what) {
        return new ScenarioException("bad expression '" + text + "': " + what + " at column " + (pos + 1));
    }
}
