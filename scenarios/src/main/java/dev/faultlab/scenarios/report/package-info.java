/**
 * Results of scenario runs (steps, figures, failures) and the reports made of them: the console's
 * progress lines and summary, JUnit XML for CI, and a Markdown report with timelines and sweep tables.
 */
package dev.faultlab.scenarios.report;
