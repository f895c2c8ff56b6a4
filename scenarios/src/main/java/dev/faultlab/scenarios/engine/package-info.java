/**
 * The scenario engine: runs a parsed scenario against a faultlab over its HTTP API only (toxics,
 * {@code /connections}, the {@code /events} stream), with emulated devices it starts or real boards
 * it waits for, evaluates expectations on the events, measures figures, and always cleans up.
 */
package dev.faultlab.scenarios.engine;
