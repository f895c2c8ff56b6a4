package dev.faultlab.proxy.metrics;

import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.ToxicAction;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.ToxicMeter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the faults do: {@code faultlab_fault_actions_total} (per toxic and {@link ToxicAction}) and
 * {@code faultlab_paused_seconds_total} (sources left unread, per proxy and direction). A toxic's
 * meter is made once per proxy and toxic name and shared by its connections; each action's series
 * is looked up on first use.
 */
final class FaultFamilies {
    private static final ToxicAction[] ACTIONS = ToxicAction.values();

    private final Counter actions;
    private final Counter paused;
    private final Map<String, ToxicMeter> meters = new ConcurrentHashMap<>();

    FaultFamilies(PrometheusRegistry registry) {
        actions = Counter.builder().name("faultlab_fault_actions_total")
                .help("What toxics did: data dropped, delayed or held, packets injected, CONNECTs refused, "
                        + "connections closed or reset, sources paused, links made silent")
                .labelNames("proxy", "fault", "action").register(registry);
        paused = Counter.builder().name("faultlab_paused_seconds_total")
                .help("Seconds a direction's source was left unread: backpressure, or a toxic paused it")
                .labelNames("proxy", "direction").register(registry);
    }

    ToxicMeter meter(String proxy, ToxicDefinition toxic) {
        return meters.computeIfAbsent(proxy + '\u0000' + toxic.name(), key -> new ActionSeries(proxy, toxic.name()));
    }

    CounterDataPoint paused(String proxy, Direction direction) {
        return paused.labelValues(proxy, direction.jsonName());
    }

    /**
     * One toxic's series, by action. Connections on several event loops share it: two of them may
     * look up the same series at once, and both get the same data point.
     */
    private final class ActionSeries implements ToxicMeter {
        private final String proxy;
        private final String toxic;
        private final CounterDataPoint[] points = new CounterDataPoint[ACTIONS.length];

        ActionSeries(String proxy, String toxic) {
            this.proxy = proxy;
            this.toxic = toxic;
        }

        @Override
        public void count(ToxicAction action, int count) {
            if (count == 0) {
                return;
            }
            CounterDataPoint point = points[action.ordinal()];
            if (point == null) {
                point = actions.labelValues(proxy, toxic, action.label());
                points[action.ordinal()] = point;
            }
            point.inc(count);
        }
    }
}
