/** Prometheus metrics of the proxy (see docs/METRICS.md). */
package dev.faultlab.proxy.metrics;
