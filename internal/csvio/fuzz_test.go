package csvio

import (
	"strings"
	"testing"
	"unicode/utf8"

	"lpg/internal/diag"
)

// FuzzRead feeds arbitrary bytes through decoding, splitting and header
// mapping. Read must never panic, every diagnostic must carry a file, a
// code, a Chinese message and a line inside the file, and every record
// must map only known fields with valid UTF-8 values.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"隐患编号,用户名称\nA-1,张三\n",
		"\uFEFF隐患编号,用户名称\r\nA-1,\"张\n三\"\r\n",
		"标题\n隐患编号,用户名称,,\nA-1,张三,,\n,,,\n",
		"隐患编号;用户名称\rA-1;张三\r",
		"隐患编号\t用户名称\nA-1\t\"x\"\"y\"\n",
		"隐患编号,用户名称,用户名称\n\"open\n",
		"\xff\xfe\x00\x00",
		"隐患编号,用户名称\nA-1,\xd5\xc5\xc8\xfd\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, ds := Read("f.csv", b, cols)
		lines := 1 + strings.Count(string(b), "\n") + strings.Count(string(b), "\r")
		for _, d := range ds {
			if d.File != "f.csv" || d.Code == "" || d.Message == "" {
				t.Fatalf("incomplete diagnostic %+v", d)
			}
			if d.Line < 1 || d.Line > lines+1 {
				t.Fatalf("line %d outside the file (%d lines): %+v", d.Line, lines, d)
			}
			if d.Severity == diag.Error && d.Hint == "" {
				t.Fatalf("error without a hint: %+v", d)
			}
		}
		if tab == nil {
			return
		}
		for _, r := range tab.Records {
			if r.Line < 1 || r.Row < 1 {
				t.Fatalf("record without position: %+v", r)
			}
			for k, v := range r.Values {
				if k != "id" && k != "name" && k != "phone" && k != "remarks" {
					t.Fatalf("unknown field %q", k)
				}
				if !utf8.ValidString(v) {
					t.Fatalf("invalid UTF-8 in %q: %q", k, v)
				}
			}
		}
	})
}

// FuzzParseDate checks that any accepted date is a real calendar date and
// that the canonical form reads back unchanged.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-07-05", "2026/7/5", "2026.07.05", "2026年7月5日", "46208", "20260705", "2026-02-30", "2026/7/5 0:00", "99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := ParseDate(CleanCode(s).Value)
		if err != nil || d.IsZero() {
			return
		}
		again, changed, err := ParseDate(d.String())
		if err != nil || changed || again != d {
			t.Fatalf("%q → %s does not read back: %v %v %v", s, d, again, changed, err)
		}
	})
}

// FuzzNeutralize checks that a neutralised cell never starts a formula.
func FuzzNeutralize(f *testing.F) {
	for _, s := range []string{"=1+1", "-1", "+x", "@a", "正常", "\t=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Neutralize(s)
		if n != "" && strings.ContainsRune("=+@\t\r", rune(n[0])) {
			t.Fatalf("Neutralize(%q) = %q still starts a formula", s, n)
		}
		if n != "" && n[0] == '-' && !isNumber(n[1:]) {
			t.Fatalf("Neutralize(%q) = %q starts with - but is not a number", s, n)
		}
	})
}

// FuzzNumbers checks IsScientific: it never takes a value without an
// exponent for Excel's scientific notation.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"3", "3.0", "-1", "1.38001E+10", "2E10", "0007", "1e3", "１２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if IsScientific(s) && !strings.ContainsAny(s, "eE") {
			t.Fatalf("IsScientific(%q) without an exponent", s)
		}
	})
}

// FuzzClean holds clean to its promise: when it says a cell is clean,
// StripInvisible, FoldWidth and strings.TrimSpace would each have returned
// it unchanged by their own rune-by-rune tests (hasInvisible, hasWide).
func FuzzClean(f *testing.F) {
	for _, s := range cleanCases {
		f.Add(s.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !clean(s) {
			return
		}
		if !utf8.ValidString(s) || strings.TrimSpace(s) != s || hasInvisible(s) || hasWide(s) {
			t.Fatalf("clean(%q) but it is not", s)
		}
	})
}
