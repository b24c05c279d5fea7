package workbook

import (
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"lpg/internal/csvio"
	"lpg/internal/form"
)

// Shown is a group of cells of one code or phone column (x-kind "code" or
// "phone" in schema/) that store a number which their custom number format
// shows otherwise, all with the same format: ReadXLSX read each as shown
// (review round 4, H4). Column is the header as written in the sheet,
// Cells the cells in row order (E2, E4), Row the first cell's spreadsheet
// row, Raw and Value the first cell's stored number and what Excel shows
// and ReadXLSX read (12345, 00012345).
type Shown struct {
	Column, Format string
	Cells          []string
	Row            int
	Raw, Value     string
}

// asForm reads recs (a sheet's rows) as csvio.Read reads a file of the
// form of kind — header found, columns mapped — for showCodes and
// datesInText; t is nil when no header is found or the rows cannot be
// written as CSV (err).
func asForm(recs [][]string, kind string) (*form.Form, *csvio.Table, error) {
	text, err := writeCSV(recs)
	if err != nil {
		return nil, nil, err
	}
	fm := form.Get(kind)
	t, _ := csvio.Read("", text, fm.Columns)
	return fm, t, nil
}

// showCodes reads the cells of recs (the sheet's rows, 0-based) that lie
// below the header row of a form of kind, in a column of kind code or
// phone, and store a number whose custom format shows it as other text
// (padShown), as that text, and returns them grouped by column and format,
// by column then first row. Other columns keep the stored number (安检户数
// 0800 is 800), as do cells of formats padShown does not read. The header
// is found as csvio.Read finds it; with no header nothing is changed.
func showCodes(recs [][]string, formats map[[2]int]cellFormat, kind string) ([]Shown, error) {
	custom := false
	for _, cf := range formats {
		custom = custom || cf.custom != ""
	}
	if !custom {
		return nil, nil
	}
	fm, t, err := asForm(recs, kind)
	if t == nil {
		return nil, err
	}
	var out []Shown
	for field, j := range t.Index {
		// A read-only （参考） column of the pre-filled 汇总表 has no
		// property (form.ContextColumns): never read as shown.
		if p := fm.Prop(field); p == nil || p.Kind != "code" && p.Kind != "phone" {
			continue
		}
		byFormat := map[string]int{} // format → index in out
		for i := t.HeaderRow; i < len(recs); i++ {
			cf := formats[[2]int{i, j}]
			if cf.custom == "" {
				continue
			}
			raw := recs[i][j]
			v, ok := padShown(raw, cf.custom)
			if !ok || v == raw {
				continue
			}
			recs[i][j] = v
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			k, seen := byFormat[cf.custom]
			if !seen {
				k = len(out)
				byFormat[cf.custom] = k
				out = append(out, Shown{Column: t.Headers[field], Format: cf.custom, Row: i + 1, Raw: raw, Value: v})
			}
			out[k].Cells = append(out[k].Cells, cell)
		}
	}
	col := func(s Shown) int { c, _, _ := excelize.CellNameToCoordinates(s.Cells[0]); return c }
	sort.Slice(out, func(a, b int) bool {
		if ca, cb := col(out[a]), col(out[b]); ca != cb {
			return ca < cb
		}
		return out[a].Row < out[b].Row
	})
	return out, nil
}

// padShown is how Excel shows raw, a number cell's stored value as
// excelize reads it raw, in the custom number format format, when both
// are of the kind ReadXLSX reads as shown: raw is a non-negative integer
// (digits only) and the format's section for it (the first; the third
// for 0 when there are three or four) holds only the digit placeholder 0
// and literal text — quoted ("E01GZ"), escaped (\A), a character Excel
// shows without quotes ($ - + ( ) : ! ^ & ' ~ { } < > = and space) or
// any non-ASCII character (号) — besides colour ([Red], [Color10]) and
// locale ([$-804]) codes. Then the digits fill the placeholders from the
// right, zeros first where raw is shorter, the first placeholder taking
// any digits beyond: 12345 in 00000000 is 00012345, 107 in "E01GZ"0000 is
// E01GZ0107, 12345 in 000-0000 is 001-2345. ok is false otherwise
// (General, #,##0, 0.00, 0%, @, fractions, conditions [>100], a currency
// [$¥-804], fill *, padding _; a negative, fractional or 1.2E+15 value):
// such a cell keeps its stored value.
func padShown(raw, format string) (shown string, ok bool) {
	if raw == "" || strings.Trim(raw, "0123456789") != "" {
		return "", false
	}
	sections, ok := splitSections(format)
	if !ok {
		return "", false
	}
	sec := sections[0]
	if strings.Trim(raw, "0") == "" && len(sections) >= 3 {
		sec = sections[2]
	}
	type token struct {
		lit  string
		zero bool
	}
	var toks []token
	n := 0
	rs := []rune(sec)
	for i := 0; i < len(rs); i++ {
		switch c := rs[i]; {
		case c == '0':
			toks = append(toks, token{zero: true})
			n++
		case c == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			if j == len(rs) {
				return "", false
			}
			toks = append(toks, token{lit: string(rs[i+1 : j])})
			i = j
		case c == '\\':
			if i+1 == len(rs) {
				return "", false
			}
			toks = append(toks, token{lit: string(rs[i+1])})
			i++
		case c == '[':
			j := i + 1
			for j < len(rs) && rs[j] != ']' {
				j++
			}
			if j == len(rs) || !colourOrLocale(string(rs[i+1:j])) {
				return "", false
			}
			i = j
		case strings.ContainsRune("$-+():!^&'~{}<>= ", c) || c > 0x7f:
			toks = append(toks, token{lit: string(c)})
		default:
			return "", false
		}
	}
	if n == 0 {
		return "", false
	}
	digits := raw
	if len(digits) < n {
		digits = strings.Repeat("0", n-len(digits)) + digits
	}
	var b strings.Builder
	next := len(digits) - n + 1 // the first placeholder takes digits[:next]
	first := true
	for _, t := range toks {
		switch {
		case !t.zero:
			b.WriteString(t.lit)
		case first:
			b.WriteString(digits[:next])
			first = false
		default:
			b.WriteByte(digits[next])
			next++
		}
	}
	return b.String(), true
}

// splitSections splits a number format at the semicolons that separate
// its sections (positive;negative;zero;text), not those inside quotes,
// brackets or after a backslash; ok is false for an unclosed quote or
// bracket.
func splitSections(format string) (sections []string, ok bool) {
	start := 0
	for i := 0; i < len(format); i++ {
		switch format[i] {
		case '\\':
			i++
		case '"':
			j := strings.IndexByte(format[i+1:], '"')
			if j < 0 {
				return nil, false
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(format[i+1:], ']')
			if j < 0 {
				return nil, false
			}
			i += j + 1
		case ';':
			sections = append(sections, format[start:i])
			start = i + 1
		}
	}
	return append(sections, format[start:]), true
}

var colours = map[string]bool{"black": true, "blue": true, "cyan": true, "green": true, "magenta": true, "red": true, "white": true, "yellow": true}

// colourOrLocale reports whether the bracketed code s (without brackets)
// of a number format changes only the colour ([Red], [Color10]) or the
// locale without a currency symbol ([$-804]): codes that leave the shown
// digits as they are.
func colourOrLocale(s string) bool {
	l := strings.ToLower(s)
	if colours[l] || strings.HasPrefix(l, "$-") {
		return true
	}
	if rest, ok := strings.CutPrefix(l, "color"); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
		return true
	}
	return false
}

// datesInText finds the cells below the header row of a form of kind, in a
// column of kind text, code or phone, that hold a date (a number in a date
// format; ReadXLSX reads it as YYYY-MM-DD), grouped by column, by column.
// raw is the sheet as stored (the serials), recs as read. A spreadsheet
// turns what a clerk types into a General cell into a date when it looks
// like one: LibreOffice 7.4 stores 备注 1/2 as 2 January (English) and
// 10-05 as 5 October (Chinese), Excel does the same; what was typed is
// gone, so the cell is read as the date and reported. With no header
// nothing is reported.
func datesInText(raw, recs [][]string, formats map[[2]int]cellFormat, kind string) ([]Shown, error) {
	dates := false
	for _, cf := range formats {
		dates = dates || cf.date
	}
	if !dates {
		return nil, nil
	}
	fm, t, err := asForm(recs, kind)
	if t == nil {
		return nil, err
	}
	var out []Shown
	for field, j := range t.Index {
		if p := fm.Prop(field); p == nil || p.Kind != "text" && p.Kind != "code" && p.Kind != "phone" {
			continue
		}
		var s *Shown
		for i := t.HeaderRow; i < len(recs); i++ {
			if !formats[[2]int{i, j}].date || j >= len(raw[i]) {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if s == nil { // out grows only here, once per column: s stays valid
				out = append(out, Shown{Column: t.Headers[field], Row: i + 1, Raw: raw[i][j], Value: recs[i][j]})
				s = &out[len(out)-1]
			}
			s.Cells = append(s.Cells, cell)
		}
	}
	col := func(s Shown) int { c, _, _ := excelize.CellNameToCoordinates(s.Cells[0]); return c }
	sort.Slice(out, func(a, b int) bool { return col(out[a]) < col(out[b]) })
	return out, nil
}
