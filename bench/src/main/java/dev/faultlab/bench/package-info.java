/** JMH benchmarks of the data plane: added round-trip latency and throughput vs direct loopback. */
package dev.faultlab.bench;
