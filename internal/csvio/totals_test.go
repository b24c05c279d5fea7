package csvio

import (
	"strings"
	"testing"
)

// TestTotalsRow (review F7): which records are totals rows, and the
// labels the message names.
func TestTotalsRow(t *testing.T) {
	for _, tc := range []struct {
		row    string
		labels string // "" = not a totals row
	}{
		{"合计,,,,,,,,", "合计"},
		{",,,,,,,,共2条", "共2条"},
		{"总计：3,,,,,", "总计：3"},
		{"小计,,,12,1,234.5,", "小计"},
		{"  合 计,,,", ""}, // a space inside the word: not recognised
		{"共 15 户,,", "共 15 户"},
		{"合计,共2条", "合计 共2条"},
		{"共计 2,,", "共计 2"},
		{"合计：,,", "合计："},
		{"合计（含已整改）,,", ""},
		{"E01-202610-0001,朱家角镇,合计,,", ""},
		{"朱家角镇,,居民,120,118", ""},
		{"合计,朱家角镇,,", ""},
		{"共,,", ""},
		{"共同,,", ""},
		{"共2,,", "共2"},
		{"12,13,,", ""},
		{",,,", ""},
		{"合计 2 条,,", "合计 2 条"},
		{"合计2吨,,", ""},
	} {
		labels, ok := totalsRow(strings.Split(tc.row, ","))
		if got := strings.Join(labels, " "); got != tc.labels || ok != (tc.labels != "") {
			t.Errorf("totalsRow(%q) = %q %v, want %q", tc.row, got, ok, tc.labels)
		}
	}
}
