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
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX returns the first worksheet of the workbook b that holds data as
// CSV text, one CSV record per spreadsheet row (so Row numbers of
// diagnostics are Excel's row numbers). Numbers in date-formatted cells are
// converted to YYYY-MM-DD; all other cells keep their raw stored value, so
// a phone typed as a number is read in full even when Excel shows
// 1.38001E+10.
func ReadXLSX(b []byte) (text []byte, sheet string, err error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, "", fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		if v, _ := f.GetSheetVisible(name); !v {
			continue
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, "", fmt.Errorf("read sheet %q: %w", name, err)
		}
		if len(rows) == 0 {
			continue
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		dates := dateCells(f, name, rows)
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.UseCRLF = false
		for i, r := range rows {
			rec := make([]string, width)
			copy(rec, r)
			for j := range rec {
				if dates[[2]int{i, j}] {
					rec[j] = serialToDate(rec[j])
				}
			}
			if err := w.Write(rec); err != nil {
				return nil, "", err
			}
		}
		w.Flush()
		return buf.Bytes(), name, w.Error()
	}
	return nil, "", fmt.Errorf("the workbook has no worksheet with data")
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
		s := strings.ToLower(*st.CustomNumFmt)
		return strings.ContainsAny(s, "yd") || strings.Contains(s, "年")
	}
	return false
}

func serialToDate(v string) string {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	t, err := excelize.ExcelDateToTime(x, false)
	if err != nil {
		return v
	}
	return t.Format("2006-01-02")
}
