package csvio

import "testing"

// cleanCases are cells clean accepts (ASCII and Chinese without blanks at
// the ends, Latin-1 letters, Hangul) and every kind it must refuse.
var cleanCases = []struct {
	in   string
	want bool
}{
	{"", true},
	{"E01-202610-0001", true},
	{"青浦区朱家角镇新风路 12 号", true},
	{"使用（非标）调压器，见“附件”、《说明》。", true},
	{"Müller · №", true},
	{"가", true},
	{"Ｅ01", false},
	{"2026：", false},
	{"a\u202Fb", false},
	{"a\u205Fb", false},
	{"a\u2009b", false},
	{" 张三", false},
	{"张三\t", false},
	{"张\x00三", false},
	{"张三\u200B", false},
	{"\uFEFF张三", false},
	{"张\u00A0三", false},
	{"张\u3000三", false},
	{"１３８", false},
	{"ｅ", false},
	{"张\u0085", false},
	{"\u1680a", false},
	{"a\u2028b", false},
	{"𠮷", false},
	{"\uFFFD", false},
	{"\xe4\xb8", false},
	{"a\xe4", false},
	{"\xc3", false},
	{"\xff", false},
	{"\xe4\x41\x41", false},
	{"\xed\xa0\x80", false},
}

func TestClean(t *testing.T) {
	for _, c := range cleanCases {
		if got := clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
