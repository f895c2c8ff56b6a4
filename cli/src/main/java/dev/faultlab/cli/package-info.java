/**
 * The {@code faultlab} command and the project's one composition root: every object of the
 * proxy, its control API, its metrics and the embedded broker is built here with plain
 * constructors. {@code serve} runs the Toxiproxy-compatible server alone; {@code up} runs the lab
 * (an {@code mqtt} proxy in front of the embedded broker or a given one); {@code lab} runs it in
 * front of Debian's Mosquitto with Debian's Prometheus scraping it ({@link dev.faultlab.cli.NativeLab});
 * {@code devices} runs a fleet of emulated ESP32 devices against a broker.
 */
package dev.faultlab.cli;
