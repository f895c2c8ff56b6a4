/**
 * Per-connection packet capture as classic pcap files that Wireshark and tshark open: the bytes a
 * connection carried, turned into synthetic IPv4/IPv6 + TCP segments with the real addresses and
 * ports, correct sequence numbers and checksums. {@link dev.faultlab.proxy.capture.ConnectionCapture}
 * is the tap a connection feeds on its event loop (formatting only); {@link
 * dev.faultlab.proxy.capture.CaptureSink}s take the formatted records (a file of {@code --capture
 * DIR} through the one {@link dev.faultlab.proxy.capture.CaptureWriterThread}, or an HTTP stream),
 * never blocking the loop and never holding more than a bound.
 */
package dev.faultlab.proxy.capture;
