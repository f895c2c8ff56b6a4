/**
 * Emulated ESP32 devices: {@link dev.faultlab.emulator.Device} models the esp-mqtt client (state
 * machine, keepalive, reconnect, outbox, events, ESP-IDF log lines) as described in
 * {@code ESP-MQTT-BEHAVIOUR.md}. Its logic runs on one {@link dev.faultlab.emulator.Scheduler} thread
 * and talks MQTT through a {@link dev.faultlab.emulator.Transport}, a Netty client channel in
 * production and an in-memory peer in the timer tests.
 */
package dev.faultlab.emulator;
