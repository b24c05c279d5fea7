package cli

import (
	"fmt"
	"path/filepath"

	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
)

// clerkPlaces returns a function that rewrites a diagnostic about the
// import's target file so that it names the place in the clerk's own file:
// `排查表.xlsx 工作表“Sheet1” C5` for a workbook, `排查表.csv C5` for a CSV
// (issue 12 finding 9). The clerk corrects their file, not the repository
// path it would be written to. text is the file as read (a workbook's sheet
// as CSV, one record per spreadsheet row, so Row is the row Excel shows).
func clerkPlaces(src, sheet string, text []byte, kind string) func(diag.Diagnostic) diag.Diagnostic {
	name := filepath.Base(src)
	if sheet != "" {
		name += " 工作表“" + sheet + "”"
	}
	letters := map[string]string{} // header as written → column letters
	if t, _ := csvio.Read(name, text, form.Get(kind).Columns); t != nil {
		for f, h := range t.Headers {
			letters[h] = csvio.ColumnLetter(t.Index[f])
		}
	}
	return func(d diag.Diagnostic) diag.Diagnostic {
		place := name
		switch l, ok := letters[d.Column]; {
		case d.Row > 0 && ok:
			place += fmt.Sprintf(" %s%d", l, d.Row)
		case d.Row > 0:
			place += fmt.Sprintf(" 第 %d 行", d.Row)
		}
		d.File, d.Line = place, 0
		return d
	}
}
