// Package chart draws the charts of the lpg site as inline SVG: bar charts
// (vertical or horizontal, one series or grouped, with an optional
// reference line such as the district average) and line charts (the
// 12-month trends). It is pure: a chart is a value, SVG returns the same
// bytes for the same value, and nothing is read from disk or the clock.
//
// Every chart carries role="img", an aria-label, a <title> and a <desc>,
// axis labels and a value label on every bar or point, so it reads in
// print and in grey scale; pages put a table with the same figures beside
// it (the text alternative). No script, no external font: text inherits the
// page's font.
//
// chart depends on the standard library only.
package chart
