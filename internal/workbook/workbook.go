// Package workbook converts between lpg's CSV forms and Excel workbooks
// (.xlsx) with github.com/xuri/excelize/v2: it reads a filled workbook as
// CSV text (raw cell values; date-formatted numbers through
// excelize.ExcelDateToTime, never display strings) and writes the blank
// templates clerks fill in (`lpg template`).
package workbook

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits of what ReadXLSX reads: a clerk's monthly form is a few thousand
// rows and well under a megabyte; anything far larger is refused rather
// than allowed to exhaust memory (a "zip bomb").
const (
	MaxUnzipped = 100 << 20 // bytes of the unzipped workbook
	MaxRows     = 200000    // rows of the sheet read
)

// InstructionsSheet is the name of the sheet of how-to text in lpg's
// templates; ReadXLSX does not take it for data.
const InstructionsSheet = "填表说明"

// SeveralSheetsError says that more than one visible worksheet holds data
// and none was chosen: lpg never drops a sheet silently.
type SeveralSheetsError struct{ Sheets []string }

func (e *SeveralSheetsError) Error() string {
	return fmt.Sprintf("the workbook has %d sheets with data: %s", len(e.Sheets), strings.Join(e.Sheets, ", "))
}

// Merged is a range of cells merged over several rows that ReadXLSX read
// into each of its rows: the range and its top-left cell as Excel names
// them (H2:H3, H2), that cell's value as read (a date as YYYY-MM-DD), and
// the first and last spreadsheet rows given the value.
type Merged struct {
	Range, Cell, Value string
	Rows               [2]int
}

// ReadXLSX returns one worksheet of the workbook b as CSV text, one CSV
// record per spreadsheet row (so Row numbers of diagnostics are Excel's row
// numbers). sheet names the worksheet; when it is "", the only visible
// worksheet holding data is used, and several such sheets give a
// *SeveralSheetsError. Numbers in date-formatted cells are converted to
// YYYY-MM-DD (1900 or 1904 date system, as the workbook declares); all
// other cells keep their raw stored value, so a phone typed as a number is
// read in full even when Excel shows 1.38001E+10.
//
// A range merged over several rows (Chinese office sheets merge 村居,
// 街镇, 整改状态 over rows with the same value) stores its value in the
// top-left cell only, while Excel shows it on every row: ReadXLSX writes
// that value into the range's first column on each of its rows that holds
// other data, and returns the range in merged (by top row, then column) so the
// caller can warn once per range (review of 2026-12-02, round 3, G8). A
// merge within one row (a title over the columns) is left as stored: its
// value belongs to its first column.
func ReadXLSX(b []byte, sheet string) (text []byte, used string, merged []Merged, err error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxUnzipped})
	if err != nil {
		return nil, "", nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	var withData []string
	rowsOf := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		if sheet != "" && name != sheet {
			continue
		}
		if v, _ := f.GetSheetVisible(name); (!v || name == InstructionsSheet) && sheet == "" {
			continue // hidden lists and lpg's own 填表说明 are never the data
		}
		rows, err := readRows(f, name)
		if err != nil {
			return nil, "", nil, err
		}
		if hasData(rows) {
			withData = append(withData, name)
			rowsOf[name] = rows
		}
	}
	switch {
	case sheet != "" && rowsOf[sheet] == nil:
		return nil, "", nil, fmt.Errorf("no worksheet %q with data", sheet)
	case len(withData) == 0:
		return nil, "", nil, fmt.Errorf("the workbook has no worksheet with data")
	case len(withData) > 1:
		return nil, "", nil, &SeveralSheetsError{Sheets: withData}
	}
	name := withData[0]
	rows := rowsOf[name]
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	dates := dateCells(f, name, rows)
	recs := make([][]string, len(rows))
	for i, r := range rows {
		rec := make([]string, width)
		copy(rec, r)
		for j := range rec {
			if dates[[2]int{i, j}] {
				rec[j] = serialToDate(rec[j], date1904)
			}
		}
		recs[i] = rec
	}
	if merged, err = fillMerged(f, name, recs); err != nil {
		return nil, "", nil, err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, rec := range recs {
		if err := w.Write(rec); err != nil {
			return nil, "", nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), name, merged, w.Error()
}

// fillMerged writes the value of each range of sheet merged over several
// rows into its first column on every row of recs (0-based: recs[0] is
// row 1) that it covers and that holds other data, and returns those
// ranges (ReadXLSX).
func fillMerged(f *excelize.File, sheet string, recs [][]string) ([]Merged, error) {
	mcs, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, fmt.Errorf("read sheet %q: %w", sheet, err)
	}
	var out []Merged
	for _, mc := range mcs {
		c0, r0, err := excelize.CellNameToCoordinates(mc.GetStartAxis())
		if err != nil {
			return nil, fmt.Errorf("read sheet %q: merged range %s: %w", sheet, mc[0], err)
		}
		_, r1, err := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if err != nil {
			return nil, fmt.Errorf("read sheet %q: merged range %s: %w", sheet, mc[0], err)
		}
		if r1 <= r0 || r0 > len(recs) || c0 > len(recs[r0-1]) {
			continue // one row, or nothing read there
		}
		v := recs[r0-1][c0-1]
		if strings.TrimSpace(v) == "" {
			continue
		}
		m := Merged{Range: mc[0], Cell: mc.GetStartAxis(), Value: v, Rows: [2]int{r0, r0}}
		for r := r0 + 1; r <= r1 && r <= len(recs); r++ {
			if !otherData(recs[r-1], c0-1) {
				continue
			}
			recs[r-1][c0-1] = v
			m.Rows[1] = r
		}
		if m.Rows[1] > r0 {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Rows[0] != b.Rows[0] {
			return a.Rows[0] < b.Rows[0]
		}
		return len(a.Cell) < len(b.Cell) || len(a.Cell) == len(b.Cell) && a.Cell < b.Cell
	})
	return out, nil
}

// otherData reports whether rec has a non-blank cell other than rec[skip].
func otherData(rec []string, skip int) bool {
	for j, c := range rec {
		if j != skip && strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}

// readRows reads the raw cell values of a sheet, at most MaxRows rows.
func readRows(f *excelize.File, name string) ([][]string, error) {
	it, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("read sheet %q: %w", name, err)
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		if len(rows) >= MaxRows {
			return nil, fmt.Errorf("sheet %q has more than %d rows", name, MaxRows)
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("read sheet %q: %w", name, err)
		}
		rows = append(rows, cols)
	}
	return rows, it.Error()
}

func hasData(rows [][]string) bool {
	for _, r := range rows {
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				return true
			}
		}
	}
	return false
}

// dateCells finds the numeric cells whose number format is a date.
func dateCells(f *excelize.File, sheet string, rows [][]string) map[[2]int]bool {
	out := map[[2]int]bool{}
	isDate := map[int]bool{}
	for i, r := range rows {
		for j, v := range r {
			if _, err := strconv.ParseFloat(v, 64); err != nil || v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			id, err := f.GetCellStyle(sheet, cell)
			if err != nil || id == 0 {
				continue
			}
			d, seen := isDate[id]
			if !seen {
				d = styleIsDate(f, id)
				isDate[id] = d
			}
			if d {
				out[[2]int{i, j}] = true
			}
		}
	}
	return out
}

func styleIsDate(f *excelize.File, id int) bool {
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	switch {
	case st.NumFmt >= 14 && st.NumFmt <= 22, st.NumFmt >= 27 && st.NumFmt <= 36, st.NumFmt >= 50 && st.NumFmt <= 58:
		return true
	}
	if st.CustomNumFmt != nil {
		return isDateFormat(*st.CustomNumFmt)
	}
	return false
}

var (
	reFmtBracket = regexp.MustCompile(`\[[^\]]*\]`) // [Red], [$-804], [h]
	reFmtQuoted  = regexp.MustCompile(`"[^"]*"`)    // literal text
)

// isDateFormat reports whether a custom number format shows a date: after
// dropping colour/locale sections in brackets, quoted literals and escaped
// characters, it still has a y or d token, or 年/月/日.
func isDateFormat(f string) bool {
	f = reFmtQuoted.ReplaceAllString(reFmtBracket.ReplaceAllString(f, ""), "")
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] == '\\' {
			i++
			continue
		}
		b.WriteByte(f[i])
	}
	s := strings.ToLower(b.String())
	return strings.ContainsAny(s, "yd") || strings.ContainsAny(s, "年日")
}

func serialToDate(v string, date1904 bool) string {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	t, err := excelize.ExcelDateToTime(x, date1904)
	if err != nil {
		return v
	}
	return t.Format("2006-01-02")
}
