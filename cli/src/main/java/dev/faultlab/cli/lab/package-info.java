/**
 * The native lab's child processes: Debian's Mosquitto (the broker behind the proxy) and
 * Prometheus (scraping the proxy and the emulated fleet), found on {@code PATH} or where an option
 * says, each with a generated configuration in the lab's temporary folder, started on a loopback
 * port and stopped with the lab.
 */
package dev.faultlab.cli.lab;
