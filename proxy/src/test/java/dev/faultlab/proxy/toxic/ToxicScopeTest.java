package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToxicScopeTest {

    @Test
    void clientIdAndUsernameGlobsNeedTheSession() {
        ToxicScope scope = new ToxicScope("ESP32_*", "bench?", "", 0, 0);
        assertThat(scope.needsSession()).isTrue();
        assertThat(scope.matches("127.0.0.1", "ESP32_1a2B3C", "bench1", true)).isTrue();
        assertThat(scope.matches("127.0.0.1", "ESP8266_1a2B3C", "bench1", true)).isFalse();
        assertThat(scope.matches("127.0.0.1", "ESP32_1a2B3C", "bench12", true)).isFalse();
        assertThat(scope.matches("127.0.0.1", null, null, false)).as("no CONNECT seen yet").isFalse();
        assertThat(new ToxicScope("a.b*", "", "", 0, 0).matches(null, "aXb", null, true))
                .as("regex characters are literal").isFalse();
    }

    @Test
    void remoteIsAnAddressOrACidrBlock() {
        assertThat(new ToxicScope("", "", "127.0.0.0/8", 0, 0).matches("127.0.0.2", null, null, false)).isTrue();
        assertThat(new ToxicScope("", "", "192.0.2.0/24", 0, 0).matches("127.0.0.1", null, null, false)).isFalse();
        assertThat(new ToxicScope("", "", "127.0.0.1", 0, 0).matches("127.0.0.1", null, null, false)).isTrue();
        assertThat(new ToxicScope("", "", "::1", 0, 0).matches("0:0:0:0:0:0:0:1", null, null, false)).isTrue();
        assertThat(new ToxicScope("", "", "::1/128", 0, 0).matches("127.0.0.1", null, null, false)).isFalse();
        assertThat(ToxicScope.ALL.matches(null, null, null, false)).isTrue();
    }

    @Test
    void badValuesAreRejected() {
        assertThatThrownBy(() -> new ToxicScope("", "", "not-an-address", 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> new ToxicScope("", "", "127.0.0.1/33", 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new ToxicScope("", "", "", -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
