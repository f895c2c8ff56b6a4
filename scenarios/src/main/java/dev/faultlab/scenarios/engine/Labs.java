package dev.faultlab.scenarios.engine;

/**
 * Where scenarios run: a fresh in-process lab per scenario (so scenarios can run side by side), or
 * one running faultlab shared by all of them.
 */
@FunctionalInterface
public interface Labs {

    /** A target with {@code broker} ({@code embedded}, {@code mosquitto}) behind its proxy. */
    Target open(String broker) throws Exception;
}
