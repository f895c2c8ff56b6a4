package dev.faultlab.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expressions over numbers, durations and parameters: precedence, units, kinds, and errors. */
class ExpressionParserTest {
    private static final Map<String, Quantity> PARAMS = Map.of(
            "keepalive", Quantity.millis(2_000), "reconnect", Quantity.millis(1_000), "attempts", Quantity.number(3));

    @Test
    void durationsInEveryUnit() {
        assertThat(millis("500ms")).isEqualTo(500);
        assertThat(millis("2s")).isEqualTo(2_000);
        assertThat(millis("1.5s")).isEqualTo(1_500);
        assertThat(millis("1m")).isEqualTo(60_000);
        assertThat(millis("1h")).isEqualTo(3_600_000);
    }

    @Test
    void multiplicationBindsTighterThanAddition() {
        assertThat(millis("1.5 * keepalive + 1s")).isEqualTo(4_000);
        assertThat(millis("1s + keepalive * 1.5")).isEqualTo(4_000);
        assertThat(millis("(keepalive + reconnect) / 2")).isEqualTo(1_500);
        assertThat(millis("keepalive - 0.5s - 0.5s")).isEqualTo(1_000);
        assertThat(millis("-reconnect + keepalive")).isEqualTo(1_000);
    }

    @Test
    void kindsFollowTheArithmetic() {
        assertThat(ExpressionParser.parse("attempts * reconnect").eval(PARAMS)).isEqualTo(Quantity.millis(3_000));
        assertThat(ExpressionParser.parse("keepalive / reconnect").eval(PARAMS)).isEqualTo(Quantity.number(2));
        assertThat(ExpressionParser.parse("attempts + 1").eval(PARAMS)).isEqualTo(Quantity.number(4));
        assertThat(ExpressionParser.parse("1.5 * keepalive + 1s").names()).containsExactly("keepalive");
    }

    @Test
    void mixingANumberAndADurationIsAnError() {
        assertThatThrownBy(() -> ExpressionParser.parse("keepalive + 1").eval(PARAMS))
                .hasMessageContaining("cannot add a number and a duration");
        assertThatThrownBy(() -> ExpressionParser.parse("keepalive * reconnect").eval(PARAMS))
                .hasMessageContaining("cannot multiply two durations");
        assertThatThrownBy(() -> ExpressionParser.parse("attempts").millis(PARAMS))
                .hasMessageContaining("not a duration");
    }

    @Test
    void syntaxErrorsPointAtTheColumn() {
        assertThatThrownBy(() -> ExpressionParser.parse("2s +"))
                .hasMessage("bad expression '2s +': expression ends too soon at column 5");
        assertThatThrownBy(() -> ExpressionParser.parse("(2s")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> ExpressionParser.parse("2x")).hasMessageContaining("unknown unit 'x'");
        assertThatThrownBy(() -> ExpressionParser.parse("2s 3s")).hasMessageContaining("unexpected '3' at column 4");
        assertThatThrownBy(() -> millis("attempts * 2")).hasMessageContaining("is the number 6, not a duration");
    }

    @Test
    void globsMatchAsTheProxyDoes() {
        assertThat(Glob.matches("ESP32_*", "ESP32_1a2B3C")).isTrue();
        assertThat(Glob.matches("ESP32_??????", "ESP32_1a2B3C")).isTrue();
        assertThat(Glob.matches("ESP32_*", "esp32_1a2B3C")).isFalse();
        assertThat(Glob.matches("*_lab_*", "x_lab_y")).isTrue();
        assertThat(Glob.matches("ESP32_*", null)).isFalse();
    }

    private static long millis(String text) {
        return ExpressionParser.parse(text).millis(PARAMS);
    }
}
