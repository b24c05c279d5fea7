package render

import (
	"bufio"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"lpg/internal/calendar"
)

// The rows of book's sheets, written as excelize's StreamWriter.SetRow
// writes them (excelize v2.11.1, stream.go SetRow and writeCell, cell.go
// setInlineStr and trimCellValue, lib.go bstrMarshal, date.go
// timeToExcelTime) but without building a cell struct, escaping through
// encoding/xml and running two regular expressions for every cell: at five
// years of data that was a quarter of the CPU of a cold build with its
// editions (issue 14, README 性能). The bytes are the same, so a workbook
// is the same file either way: TestRowsWriterMatchesExcelize and
// FuzzRowsWriter compare this writer with excelize's on the same sheets,
// and a cell this writer does not take (fastRows) sends the whole workbook
// through excelize.

// cellStyles are the style ids book gives its typed cells.
type cellStyles struct{ percent, date, wrap int }

// rowsWriter writes rows 2… of a sheet (rows[k] is row k+2) with the
// sheet's column widths (for the height of a longText row).
type rowsWriter struct {
	rows   [][]any
	widths []int
	st     cellStyles
}

// placeholderRow is the row 2 excelize writes for a single text cell
// token, the place of a sheet's rows until rowsWriter writes them.
func placeholderRow(token string) string {
	return `<row r="2"><c r="A2" t="inlineStr"><is><t>` + token + `</t></is></c></row>`
}

// Excel's limits as excelize applies them (templates.go).
const (
	maxRowHeight   = excelize.MaxRowHeight   // points
	totalCellChars = excelize.TotalCellChars // UTF-16 code units in a cell
)

// fastRows reports whether rowsWriter can write every row of sheets: each
// cell is a string, longText, pct or float64 (finite), int, calendar.Date (1901–2199,
// or zero) or nil, no text is longer than Excel keeps (which excelize
// would cut), and no longText row is higher than Excel allows, no row is
// past Excel's last row and no cell past its last column (which excelize
// refuses with an error).
func fastRows(sheets []sheet, widths [][]int) bool {
	for i, sh := range sheets {
		if len(sh.Rows) > excelize.TotalRows-1 { // rows 2…: row 1 is the header
			return false
		}
		for _, row := range sh.Rows {
			if len(row) > excelize.MaxColumns {
				return false
			}
			for c, v := range row {
				switch x := v.(type) {
				case nil, int:
				case string:
					if len(x) > totalCellChars {
						return false
					}
				case longText:
					if len(x) > totalCellChars || longTextHeight(x, c, widths[i]) > maxRowHeight {
						return false
					}
				case pct:
					if f := pctValue(x); math.IsNaN(f) || math.IsInf(f, 0) {
						return false
					}
				case float64:
					if math.IsNaN(x) || math.IsInf(x, 0) {
						return false
					}
				case calendar.Date:
					// the day it stands for, as time.Date normalises
					// its fields (excelDate and excelize alike)
					if y := time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC).Year(); !x.IsZero() && (y < 1901 || y > 2199) {
						return false
					}
				default:
					return false
				}
			}
		}
	}
	return true
}

// write writes the rows to w.
func (rw rowsWriter) write(w io.Writer) error {
	b := bufio.NewWriterSize(w, 64<<10)
	var cols []string // column letters, A, B, …
	for r, row := range rw.rows {
		n := strconv.Itoa(r + 2)
		var height float64
		for c, v := range row {
			if x, ok := v.(longText); ok {
				if h := longTextHeight(x, c, rw.widths); h > 0 {
					height = h
				}
			}
		}
		b.WriteString(`<row r="`)
		b.WriteString(n)
		b.WriteString(`"`)
		if height > 0 {
			b.WriteString(` ht="`)
			b.WriteString(strconv.FormatFloat(height, 'f', -1, 64))
			b.WriteString(`" customHeight="1"`)
		}
		b.WriteString(`>`)
		for c, v := range row {
			for len(cols) <= c {
				name, _ := excelize.ColumnNumberToName(len(cols) + 1)
				cols = append(cols, name)
			}
			switch x := v.(type) {
			case string:
				textCell(b, cols[c], n, 0, x)
			case longText:
				textCell(b, cols[c], n, rw.st.wrap, string(x))
			case int:
				numberCell(b, cols[c], n, 0, strconv.Itoa(x))
			case pct:
				numberCell(b, cols[c], n, rw.st.percent, formatCellFloat(pctValue(x)))
			case float64:
				numberCell(b, cols[c], n, 0, formatCellFloat(x))
			case calendar.Date:
				if !x.IsZero() {
					numberCell(b, cols[c], n, rw.st.date, strconv.Itoa(excelDate(x)))
				}
			}
		}
		b.WriteString(`</row>`)
	}
	return b.Flush()
}

// cellStart writes `<c r="B7"` and ` s="3"` when style is not 0.
func cellStart(b *bufio.Writer, col, row string, style int) {
	b.WriteString(`<c r="`)
	b.WriteString(col)
	b.WriteString(row)
	b.WriteString(`"`)
	if style != 0 {
		b.WriteString(` s="`)
		b.WriteString(strconv.Itoa(style))
		b.WriteString(`"`)
	}
}

// numberCell writes a number cell whose value v needs no escaping.
func numberCell(b *bufio.Writer, col, row string, style int, v string) {
	cellStart(b, col, row, style)
	b.WriteString(`><v>`)
	b.WriteString(v)
	b.WriteString(`</v></c>`)
}

// textCell writes an inline string cell as excelize's setInlineStr and
// writeCell do: xml:space="preserve" when the text begins or ends with a
// tab, line feed, carriage return or space; XML-escaped except that line
// feeds stay literal; _xHHHH_ sequences escaped (bstrMarshal).
func textCell(b *bufio.Writer, col, row string, style int, s string) {
	cellStart(b, col, row, style)
	b.WriteString(` t="inlineStr"><is><t`)
	if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		b.WriteString(` xml:space="preserve"`)
	}
	b.WriteString(`>`)
	if unescaped(s) {
		if strings.Contains(s, "_x") {
			s = bstrMarshal(s)
		}
		b.WriteString(s)
	} else {
		var e strings.Builder
		_ = xml.EscapeText(&e, []byte(s))
		v := strings.ReplaceAll(e.String(), "&#xA;", "\n")
		if v != "" {
			v = bstrMarshal(v)
		}
		b.WriteString(v)
	}
	b.WriteString(`</t></is></c>`)
}

func isXMLSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// unescaped reports whether xml.EscapeText leaves s as it is: valid UTF-8
// without control characters, &, <, >, quotes, U+FFFE or U+FFFF.
func unescaped(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '&', c == '<', c == '>', c == '"', c == '\'':
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	if ascii {
		return true
	}
	return utf8.ValidString(s) && !strings.Contains(s, "\uFFFE") && !strings.Contains(s, "\uFFFF")
}

// excelDate is the serial number of d in Excel's 1900 date system: days
// since 1899-12-30, which counts Excel's 29 February 1900 (d from 1901;
// 1970-01-01 is 25569).
func excelDate(d calendar.Date) int {
	return int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix()/86400) + 25569
}

// formatCellFloat is excelize's formatCellFloat(value, -1, 64) (cell.go):
// the shortest decimal form, cut to Excel's 15 significant digits.
func formatCellFloat(value float64) string {
	str := strconv.FormatFloat(value, 'f', -1, 64)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}

// bstrMarshal is excelize's bstrMarshal (lib.go, BSD 3-Clause, © The
// excelize Authors): a literal _xHHHH_ in the text is written as
// _x005F_xHHHH_, so that a reader does not take it for an escaped
// character.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)
