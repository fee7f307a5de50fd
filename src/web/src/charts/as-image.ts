/**
 * Makes an Observable Plot chart one labelled image for assistive technology. Plot puts `aria-label` (the mark's
 * type: "rect", "rule", ...) on each mark's `<g>`, and ARIA prohibits a label on an element with no role (axe-core:
 * aria-prohibited-attr, WCAG 4.1.2), so screen readers would announce "rect", "rule" and nothing useful. The root
 * SVG becomes role="img" with the chart's label; the marks' labels are removed. The figures a chart draws are
 * also given in text next to it (tables, the statistics cards, the incident facts).
 */
export function asImage<T extends Element>(chart: T, label: string): T {
  const svgs = chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg')];
  for (const svg of svgs) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
      el.removeAttribute('aria-label');
      el.removeAttribute('aria-description');
    }
  }
  return chart;
}
