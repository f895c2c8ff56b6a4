package dev.faultlab.e2e;

import dev.faultlab.broker.EmbeddedBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the brokers they name as parameters ({@link Mosquitto}, {@link EmbeddedBroker}),
 * each started once for the whole run on a free port and stopped when the run ends (JUnit closes
 * what its root store holds). Tests keep apart by client ids and topics.
 */
final class SharedBrokers implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBrokers.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Mosquitto.class || type == EmbeddedBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        if (parameter.getParameter().getType() == Mosquitto.class) {
            return store.getOrComputeIfAbsent(Mosquitto.class, type -> Mosquitto.start(), Mosquitto.class);
        }
        return store.getOrComputeIfAbsent(EmbeddedBroker.class, type -> EmbeddedBroker.start(), EmbeddedBroker.class);
    }
}
