// Package workbook converts between lpg's CSV forms and Excel workbooks
// (.xlsx) with github.com/xuri/excelize/v2: it reads a filled workbook as
// CSV text (raw cell values; date-formatted numbers through
// excelize.ExcelDateToTime; display strings only for numbers that a
// zero-padding format shows in a code or phone column, padShown) and
// writes the blank templates clerks fill in (`lpg template`).
package workbook

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"lpg/internal/form"
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

// ListsSheet is the name of the hidden sheet of drop-down lists in lpg's
// templates (Template). ReadXLSX skips it only when it is hidden and has
// the shape lpg gives it (isLists): any other hidden sheet with data counts
// like a visible one (review round 4, H11).
const ListsSheet = "选项"

// SeveralSheetsError says that more than one worksheet holds data and none
// was chosen: lpg never drops a sheet silently. Sheets are in workbook
// order; Hidden lists those of them that are hidden in Excel (a clerk
// does not see them without 取消隐藏).
type SeveralSheetsError struct{ Sheets, Hidden []string }

func (e *SeveralSheetsError) Error() string {
	return fmt.Sprintf("the workbook has %d sheets with data: %s (hidden: %s)", len(e.Sheets), strings.Join(e.Sheets, ", "), strings.Join(e.Hidden, ", "))
}

// Merged is a range of cells merged over several rows that ReadXLSX read
// into each of its rows: the range and its top-left cell as Excel names
// them (H2:H3, H2), that cell's value as read (a date as YYYY-MM-DD), and
// the first and last spreadsheet rows given the value.
type Merged struct {
	Range, Cell, Value string
	Rows               [2]int
}

// Sheet is the worksheet ReadXLSX read.
type Sheet struct {
	// Text is the sheet as CSV, one record per spreadsheet row (so Row
	// numbers of diagnostics are Excel's row numbers).
	Text []byte
	// Name is the worksheet's name; Hidden says it is hidden in Excel
	// (the only sheet with data, or the one chosen).
	Name   string
	Hidden bool
	// Merged are the ranges merged over several rows whose value was read
	// into each of their rows, by top row, then column.
	Merged []Merged
	// Shown are the cells of code and phone columns read as their number
	// format shows them, by column (showCodes).
	Shown []Shown
	// Dates are the cells of text, code and phone columns that hold a
	// date (a number in a date format), read as YYYY-MM-DD, grouped by
	// column (datesInText): Raw is the first cell's serial, Value its
	// date; Format is empty.
	Dates []Shown
}

// ReadXLSX returns one worksheet of the workbook b as CSV text, to be read
// as a form of kind (form.Hazards, form.Rectifications, form.Inspections).
// sheet names the worksheet; when it is "", the only worksheet holding data is
// used, and several such sheets give a *SeveralSheetsError. A hidden
// worksheet counts like a visible one (a workbook split over sheets, one
// hidden by accident, loses no rows: review round 4, H11); only lpg's own
// 填表说明 and its hidden drop-down lists (ListsSheet, isLists) are never
// the data. Numbers in date-formatted cells are converted to YYYY-MM-DD
// (1900 or 1904 date system, as the workbook declares). A number in a
// column of kind code or phone whose custom number format pads it with
// zeros or adds literal text (00000000 shows 12345 as 00012345) is read as
// Excel shows it, and listed in Shown (review round 4, H4: the leading
// zeros of 用户编号 were lost). All other cells keep their raw stored
// value, so a phone typed as a number is read in full even when Excel
// shows 1.38001E+10.
//
// A range merged over several rows (Chinese office sheets merge 村居,
// 街镇, 整改状态 over rows with the same value) stores its value in the
// top-left cell only, while Excel shows it on every row: ReadXLSX writes
// that value into the range's first column on each of its rows that holds
// other data, and returns the range in Merged so the caller can warn once
// per range (review of 2026-12-02, round 3, G8). A merge within one row (a
// title over the columns) is left as stored: its value belongs to its
// first column.
func ReadXLSX(b []byte, sheet, kind string) (*Sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxUnzipped})
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	var withData, hidden []string
	rowsOf := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		if sheet != "" && name != sheet || sheet == "" && name == InstructionsSheet {
			continue // lpg's own 填表说明 is never the data
		}
		visible, _ := f.GetSheetVisible(name)
		rows, err := readRows(f, name)
		if err != nil {
			return nil, err
		}
		if !hasData(rows) || sheet == "" && !visible && name == ListsSheet && isLists(rows) {
			continue
		}
		withData = append(withData, name)
		rowsOf[name] = rows
		if !visible {
			hidden = append(hidden, name)
		}
	}
	switch {
	case sheet != "" && rowsOf[sheet] == nil:
		return nil, fmt.Errorf("no worksheet %q with data", sheet)
	case len(withData) == 0:
		return nil, fmt.Errorf("the workbook has no worksheet with data")
	case len(withData) > 1:
		return nil, &SeveralSheetsError{Sheets: withData, Hidden: hidden}
	}
	name := withData[0]
	rows := rowsOf[name]
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	formats := numberFormats(f, name, rows)
	recs := make([][]string, len(rows))
	for i, r := range rows {
		rec := make([]string, width)
		copy(rec, r)
		for j := range rec {
			if formats[[2]int{i, j}].date {
				rec[j] = serialToDate(rec[j], date1904)
			}
		}
		recs[i] = rec
	}
	out := &Sheet{Name: name, Hidden: slices.Contains(hidden, name)}
	if out.Shown, err = showCodes(recs, formats, kind); err != nil {
		return nil, err
	}
	if out.Dates, err = datesInText(rows, recs, formats, kind); err != nil {
		return nil, err
	}
	if out.Merged, err = fillMerged(f, name, recs); err != nil {
		return nil, err
	}
	if out.Text, err = writeCSV(recs); err != nil {
		return nil, err
	}
	return out, nil
}

// writeCSV is recs as CSV text, one record each.
func writeCSV(recs [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, rec := range recs {
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// isLists reports whether rows, a hidden sheet named ListsSheet, is lpg's
// own sheet of drop-down lists: Template writes there only the values of
// the lists (towns, villages, hazard types, enumerations), one list a
// column from row 1, never a header of a form. A sheet with a cell that is
// a header of a form lpg imports (隐患编号, 用户编号, 整改状态, 安检户数 …,
// or one of their aliases) holds a clerk's table and is data.
func isLists(rows [][]string) bool {
	forms := []*form.Form{form.Get(form.Hazards), form.Get(form.Rectifications), form.Get(form.Inspections)}
	for _, r := range rows {
		for _, c := range r {
			if strings.TrimSpace(c) == "" {
				continue
			}
			for _, fm := range forms {
				if fm.FieldOf(c) != "" {
					return false
				}
			}
		}
	}
	return true
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

// readRows reads the raw cell values of a sheet up to its last row with a
// non-empty cell, at most MaxRows rows (an error past them). Empty rows
// after the last one are not rows of the sheet: LibreOffice writes a
// formatted but empty row element down to row 1048576 when a clerk deletes
// rows of a sheet whose rows carry formatting (the pre-filled 汇总表), and
// such a workbook of four rows was refused as more than MaxRows rows.
func readRows(f *excelize.File, name string) ([][]string, error) {
	it, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("read sheet %q: %w", name, err)
	}
	defer it.Close()
	var rows [][]string
	blank := 0 // empty rows since the last row with a non-empty cell
	for it.Next() {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("read sheet %q: %w", name, err)
		}
		if !slices.ContainsFunc(cols, func(c string) bool { return c != "" }) {
			blank++
			continue
		}
		if len(rows)+blank >= MaxRows {
			return nil, fmt.Errorf("sheet %q has more than %d rows", name, MaxRows)
		}
		for ; blank > 0; blank-- {
			rows = append(rows, nil)
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

// cellFormat is the number format of a numeric cell as ReadXLSX uses it:
// date when it shows a date (the serial is read as YYYY-MM-DD), otherwise
// the custom format code, if any (showCodes may read the cell as shown).
type cellFormat struct {
	date   bool
	custom string
}

// numberFormats finds the numeric cells of rows (0-based row, column)
// whose number format is a date or a custom format.
func numberFormats(f *excelize.File, sheet string, rows [][]string) map[[2]int]cellFormat {
	out := map[[2]int]cellFormat{}
	byStyle := map[int]cellFormat{}
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
			cf, seen := byStyle[id]
			if !seen {
				cf = styleFormat(f, id)
				byStyle[id] = cf
			}
			if cf != (cellFormat{}) {
				out[[2]int{i, j}] = cf
			}
		}
	}
	return out
}

func styleFormat(f *excelize.File, id int) cellFormat {
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return cellFormat{}
	}
	switch {
	case st.NumFmt >= 14 && st.NumFmt <= 22, st.NumFmt >= 27 && st.NumFmt <= 36, st.NumFmt >= 50 && st.NumFmt <= 58:
		return cellFormat{date: true}
	}
	if st.CustomNumFmt == nil {
		return cellFormat{}
	}
	if isDateFormat(*st.CustomNumFmt) {
		return cellFormat{date: true}
	}
	return cellFormat{custom: *st.CustomNumFmt}
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
