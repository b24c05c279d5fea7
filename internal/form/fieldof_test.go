package form

import "testing"

// TestFieldOf: a header as a file may write it maps to its field; the
// （参考） context columns are fields of their own; anything else is "".
func TestFieldOf(t *testing.T) {
	f := Get(Rectifications)
	for h, want := range map[string]string{
		"整改状态": "status", " 整改 状态 ": "status", "status": "status", "verifier": "verifier",
		"隐患类别（参考）": ContextPrefix + "hazard_type", "备注": "remarks", "电话": "",
	} {
		if got := f.FieldOf(h); got != want {
			t.Errorf("FieldOf(%q) = %q, want %q", h, got, want)
		}
	}
}
