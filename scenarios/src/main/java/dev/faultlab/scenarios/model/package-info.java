/**
 * The scenario language as values: {@link dev.faultlab.scenarios.model.Scenario}, its devices, the
 * sealed {@link dev.faultlab.scenarios.model.Step} kinds, event filters, figures, and the expressions
 * over parameters ({@code 1.5 * keepalive + 1s}) with their recursive-descent parser.
 */
package dev.faultlab.scenarios.model;
