package validate

import "lpg/internal/diag"

// Caused picks, from the diagnostics of a validation after a change
// (after: lpg check's merged tree, lpg import's working tree with the
// file in place), those the change causes (issue 10: one filter for both
// commands):
//
//   - own: every diagnostic of a changed file (changed(file) true): the
//     change wrote that file, so all of it is the change's;
//   - others: of the other files, those the validation before the change
//     does not have. Two diagnostics are the same when file, line, column,
//     code, value and message are equal (a shorter 排查表 leaves a town's
//     row pointing nowhere: a new diagnostic of an unchanged file).
//
// before returns the diagnostics before the change; it is called only
// when some other file has a diagnostic (check validates the base only
// then), and its error is returned as is. Both lists keep after's order.
// Pure but for before.
func Caused(after []diag.Diagnostic, changed func(file string) bool, before func() ([]diag.Diagnostic, error)) (own, others []diag.Diagnostic, err error) {
	var rest []diag.Diagnostic
	for _, d := range after {
		if changed(d.File) {
			own = append(own, d)
		} else {
			rest = append(rest, d)
		}
	}
	if len(rest) == 0 {
		return own, nil, nil
	}
	old, err := before()
	if err != nil {
		return nil, nil, err
	}
	type key struct {
		file                      string
		line                      int
		column, code, value, text string
	}
	seen := make(map[key]bool, len(old))
	for _, d := range old {
		seen[key{d.File, d.Line, d.Column, d.Code, d.Value, d.Message}] = true
	}
	for _, d := range rest {
		if !seen[key{d.File, d.Line, d.Column, d.Code, d.Value, d.Message}] {
			others = append(others, d)
		}
	}
	return own, others, nil
}
