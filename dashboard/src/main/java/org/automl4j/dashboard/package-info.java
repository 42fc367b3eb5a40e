/**
 * The web dashboard over a study storage: {@link org.automl4j.dashboard.DashboardServer} serves the page
 * and its JSON API (documented in {@code docs/dashboard-api.md}); {@link org.automl4j.dashboard.HtmlReport}
 * writes the same page as one self-contained HTML file. Data is aggregated and paged on the server
 * (package-private {@code StudyCache}, {@code StudyViews}, {@code TrialQuery}); the page draws it with
 * Apache ECharts and, for NAS architectures, viz.js (Graphviz), both served from their WebJars.
 */
package org.automl4j.dashboard;
