/**
 * Reading scenario files: YAML through Jackson into the {@link dev.faultlab.scenarios.model} values,
 * with every key, expression, device and fault reference checked before a scenario runs.
 */
package dev.faultlab.scenarios.parse;
