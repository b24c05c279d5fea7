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
// every cell neutralised and quoted whenever it holds a character that
// some program opening the file takes as a separator (see quoteDownload).
func Encode(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	writeDownloadRecord(&b, header)
	for _, r := range rows {
		out := make([]string, len(r))
		for i, c := range r {
			out[i] = Neutralize(c)
		}
		writeDownloadRecord(&b, out)
	}
	return b.Bytes()
}

// quoteDownload reports whether a download cell must be quoted: it holds a
// comma, semicolon, tab, double quote or line break, or starts or ends with
// a blank. encoding/csv quotes only commas, quotes and line breaks, but
// LibreOffice opens a .csv with tab, comma and semicolon all ticked as
// separators, so an unquoted ";" in 备注 split the row there (issue 12).
func quoteDownload(c string) bool {
	if c == "" {
		return false
	}
	if strings.ContainsAny(c, ",;\t\"\r\n") {
		return true
	}
	return c[0] == ' ' || c[len(c)-1] == ' '
}

func writeDownloadRecord(b *bytes.Buffer, rec []string) {
	for i, c := range rec {
		if i > 0 {
			b.WriteByte(',')
		}
		if !quoteDownload(c) {
			b.WriteString(c)
			continue
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(c, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteString("\r\n")
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
