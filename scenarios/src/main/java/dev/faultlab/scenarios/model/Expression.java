package dev.faultlab.scenarios.model;

import java.util.Map;
import java.util.Set;

/**
 * An arithmetic expression over numbers, durations and parameters, as written in a scenario
 * ({@code 1.5 * keepalive + 1s}); {@link ExpressionParser} builds it.
 *
 * @param text  the source text, shown in reports next to the value
 * @param root  the parsed tree
 * @param names the parameters it refers to
 */
public record Expression(String text, Node root, Set<String> names) {

    public Expression {
        names = Set.copyOf(names);
    }

    /** The value with {@code params} bound; a parameter missing from them is an error. */
    public Quantity eval(Map<String, Quantity> params) {
        return root.eval(params);
    }

    /** The value as a duration in milliseconds. */
    public long millis(Map<String, Quantity> params) {
        Quantity value = eval(params);
        if (!value.duration()) {
            throw new ScenarioException("'" + text + "' is the number " + value + ", not a duration (say 2s, 500ms)");
        }
        return value.toMillis();
    }

    /** Whether it is a bare literal (no parameter, no operator). */
    public boolean literal() {
        return root instanceof Node.Literal;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A node of the tree. */
    public sealed interface Node {
        Quantity eval(Map<String, Quantity> params);

        /** A number or a duration as written. */
        record Literal(Quantity value) implements Node {
            public Quantity eval(Map<String, Quantity> params) {
                return value;
            }
        }

        /** A parameter, bound at run time. */
        record Param(String name) implements Node {
            public Quantity eval(Map<String, Quantity> params) {
                Quantity value = params.get(name);
                if (value == null) {
                    throw new ScenarioException("unknown parameter '" + name + "'");
                }
                return value;
            }
        }

        /** {@code -x}. */
        record Negate(Node operand) implements Node {
            public Quantity eval(Map<String, Quantity> params) {
                Quantity value = operand.eval(params);
                return new Quantity(-value.amount(), value.duration());
            }
        }

        /** {@code a op b} for op in + - * /: sums keep the kind, a duration times a number is a duration. */
        record Binary(char op, Node left, Node right) implements Node {
            public Quantity eval(Map<String, Quantity> params) {
                Quantity a = left.eval(params);
                Quantity b = right.eval(params);
                return switch (op) {
                    case '+', '-' -> {
                        if (a.duration() != b.duration()) {
                            throw new ScenarioException("cannot " + (op == '+' ? "add" : "subtract")
                                    + " a number and a duration: " + a + " " + op + " " + b);
                        }
                        yield new Quantity(op == '+' ? a.amount() + b.amount() : a.amount() - b.amount(),
                                a.duration());
                    }
                    case '*' -> {
                        if (a.duration() && b.duration()) {
                            throw new ScenarioException("cannot multiply two durations: " + a + " * " + b);
                        }
                        yield new Quantity(a.amount() * b.amount(), a.duration() || b.duration());
                    }
                    default -> {
                        if (!a.duration() && b.duration()) {
                            throw new ScenarioException("cannot divide a number by a duration: " + a + " / " + b);
                        }
                        if (b.amount() == 0) {
                            throw new ScenarioException("division by zero: " + a + " / " + b);
                        }
                        yield new Quantity(a.amount() / b.amount(), a.duration() && !b.duration());
                    }
                };
            }
        }
    }
}
