/**
 * The lab's in-process MQTT broker: HiveMQ Community Edition embedded, bound to loopback, with
 * its configuration and data in a temporary folder that lives as long as the broker.
 */
package dev.faultlab.broker;
