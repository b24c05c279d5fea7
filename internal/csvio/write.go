package csvio

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// Neutralize protects a cell of a CSV download against formula injection
// (OWASP "CSV Injection"): a cell starting with = + - @, a tab or a carriage
// return is prefixed with an apostrophe so Excel shows it as text instead
// of evaluating it. Plain negative numbers are left alone.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if s[0] == '-' && isNumber(s[1:]) {
			return s
		}
		return "'" + s
	}
	return s
}

// IsFormulaLike reports whether Neutralize would change s.
func IsFormulaLike(s string) bool { return Neutralize(s) != s }

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	dot := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return true
}

// Encode returns header and rows as a CSV download for Excel: UTF-8 with a
// BOM (so Excel on Chinese Windows detects the encoding), CRLF line ends,
// every cell neutralised.
func Encode(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(header)
	for _, r := range rows {
		out := make([]string, len(r))
		for i, c := range r {
			out[i] = Neutralize(c)
		}
		_ = w.Write(out)
	}
	w.Flush()
	return b.Bytes()
}

// EncodeCanonical returns header and rows as a canonical data file: UTF-8
// without BOM, LF line ends, cells as given (the repository keeps what the
// submitter wrote; neutralising is for downloads).
func EncodeCanonical(header []string, rows [][]string) []byte {
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(header)
	for _, r := range rows {
		_ = w.Write(r)
	}
	w.Flush()
	return []byte(b.String())
}
