package render

import (
	"bytes"
	"testing"

	"lpg/internal/calendar"
)

// TestFastRowsExcelLimits (review round 8, S1): past Excel's last row
// (1,048,576) or last column (16,384, XFD) excelize's StreamWriter refuses
// the row with an error, so book gave an error; the row writer wrote a
// workbook anyway — rows numbered past the sheet's end, a cell whose
// reference has no column (r="2") — that Excel repairs or refuses. fastRows
// must leave such sheets to excelize, as it does every other cell the row
// writer does not write as excelize would. Likewise a calendar.Date whose
// fields are not normalised: fastRows reads its Year, but the day it stands
// for (time.Date normalises it) may be before 1900-03-01, where excelize
// writes something else than the serial number.
func TestFastRowsExcelLimits(t *testing.T) {
	one := []any{"x"}
	tall := make([][]any, 1<<20) // rows 2 … 1,048,577: one past the last
	for i := range tall {
		tall[i] = one
	}
	wide := make([]any, 16385) // A … XFD and one more
	wide[16384] = "past XFD"
	for _, c := range []struct {
		name   string
		sheets []sheet
	}{
		{"1,048,577 rows", []sheet{{Name: "S", Head: []string{"h"}, Rows: tall}}},
		{"16,385 columns", []sheet{{Name: "S", Head: []string{"h"}, Rows: [][]any{wide}}}},
		{"day -400 of 1901", []sheet{{Name: "S", Head: []string{"h"}, Rows: [][]any{{calendar.Date{Year: 1901, Month: 1, Day: -400}}}}}},
	} {
		widths := [][]int{columnWidths(c.sheets[0])}
		if fastRows(c.sheets, widths) {
			t.Errorf("%s: fastRows takes the sheet, which excelize does not write as the row writer does", c.name)
		}
	}
	// What the difference is, on the cheap cases: an error (excelize) or
	// other bytes where the row writer gives a workbook.
	for _, c := range []struct {
		name string
		row  []any
	}{
		{"16,385 columns", wide},
		{"day -400 of 1901", []any{calendar.Date{Year: 1901, Month: 1, Day: -400}}},
	} {
		sheets := []sheet{{Name: "S", Head: []string{"h"}, Rows: [][]any{c.row}}}
		got, err := book(sheets)
		want, werr := bookExcelize(sheets)
		if (err == nil) != (werr == nil) || !bytes.Equal(got, want) {
			t.Errorf("%s: book gave (%d bytes, %v), excelize (%d bytes, %v)", c.name, len(got), err, len(want), werr)
		}
	}
}
