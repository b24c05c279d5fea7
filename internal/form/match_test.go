package form

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// matchCases are strings near the hand-written matchers' patterns: the
// edges, and every string of up to six characters over an alphabet of
// the characters the patterns care about is too many, so random ones
// of up to 24 characters from that alphabet, fixed seed.
func matchCases() []string {
	cases := append([]string{}, edges...)
	cases = append(cases, "", "1", "13", "400", "4001", "400-", "400--1234567", "400-123-45678", "0-", "00", "0000000000",
		"02159720000-", "021-59720000-", "0215972000-123456", "0215972000-1234567", "021597200001", "0-21-5972000",
		"A-000000-0000", "A-000000-000", "A-00000-0000", "-000000-0000", "A--000000-0000", "A-000000--0000", "Ａ-000000-0000",
		"A-000000-0000\n", "\nA-000000-0000", "A-000000-0000-0000", "AB-000000-00000000000000000000", "2345678", "23456789", "234567890", "1-2")
	r := rand.New(rand.NewPCG(14, 3))
	const alphabet = "0123456789-aZ_ 中"
	for range 20000 {
		b := make([]rune, r.IntN(25))
		for i := range b {
			b[i] = []rune(alphabet)[r.IntN(len([]rune(alphabet)))]
		}
		cases = append(cases, string(b))
	}
	// the shapes the matchers take apart, filled with random digits
	for _, shape := range []string{"1#########", "1##########", "###-#######", "###-########", "####-#######", "###########", "400-###-####",
		"400#######", "0##-########-######", "0###########-#", "#######", "########", "E01-######-####", "E01-######-#####"} {
		for range 200 {
			b := []byte(shape)
			for i := range b {
				if b[i] == '#' {
					b[i] = byte('0' + r.IntN(10))
				}
			}
			cases = append(cases, string(b))
		}
	}
	return cases
}

// TestMatchers: each hand-written matcher accepts exactly what regexp
// accepts for its pattern, over matchCases.
func TestMatchers(t *testing.T) {
	cases := matchCases()
	for p, m := range patternMatchers {
		re := regexp.MustCompile(p)
		accepted := 0
		for _, s := range cases {
			if got, want := m(s), re.MatchString(s); got != want {
				t.Errorf("%s: %q: matcher %v, regexp %v", p, s, got, want)
			} else if got {
				accepted++
			}
		}
		if accepted < 20 {
			t.Errorf("%s: only %d cases accepted: the cases do not reach the pattern", p, accepted)
		}
	}
}

// TestDateFormat: dateFormat gives jsonschema's "date" verdict for every
// day number 00–32 of every month 00–13 of years around the leap rules,
// and for the edges.
func TestDateFormat(t *testing.T) {
	ref := jsonschema.Formats["date"]
	fast := dateFormat(ref)
	var cases []string
	for _, y := range []int{0, 1, 4, 100, 400, 1900, 1999, 2000, 2024, 2026, 2028, 2100, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				cases = append(cases, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	cases = append(cases, edges...)
	cases = append(cases, "2026-1-05", "2026-01-5", "+026-01-05", "2026-01-05 ", "2026-01-0a", "２026-01-05", "2026_01_05")
	valid := 0
	for _, s := range cases {
		got, want := fast(s), ref(s)
		if got != want {
			t.Errorf("%q: dateFormat %v, jsonschema %v", s, got, want)
		}
		if got {
			valid++
		}
	}
	if valid != 13*365+6+4 { // 13 years, 6 of them leap (0, 4, 400, 2000, 2024, 2028), and 4 valid edges
		t.Errorf("%d valid dates", valid)
	}
}

// FuzzMatchers compares each hand-written matcher with regexp, and
// dateFormat with jsonschema's "date", on any string.
func FuzzMatchers(f *testing.F) {
	for _, s := range matchCases()[:len(edges)+40] {
		f.Add(s)
	}
	res := map[string]*regexp.Regexp{}
	for p := range patternMatchers {
		res[p] = regexp.MustCompile(p)
	}
	ref := jsonschema.Formats["date"]
	fast := dateFormat(ref)
	f.Fuzz(func(t *testing.T, s string) {
		for p, m := range patternMatchers {
			if got, want := m(s), res[p].MatchString(s); got != want {
				t.Errorf("%s: %q: matcher %v, regexp %v", p, s, got, want)
			}
		}
		if got, want := fast(s), ref(s); got != want {
			t.Errorf("%q: dateFormat %v, jsonschema %v", s, got, want)
		}
	})
}
