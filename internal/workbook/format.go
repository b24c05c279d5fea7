package workbook

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Formats of every workbook lpg writes (issue 12 findings 1 and 6).
//
// Dates carry the explicit format yyyy-mm-dd, never Excel's built-in format
// 14 ("short date"): format 14 is shown in the office suite's own language,
// so English LibreOffice shows and saves a CSV with 10/5/2026 (which lpg
// cannot tell from 5 October) and re-saves the workbook with m/d/yyyy. An
// explicit format shows 2026-10-05 everywhere and survives a re-save.
const (
	DateFormat    = "yyyy-mm-dd"
	PercentFormat = "0.0%" // one percentage format everywhere: 72.6%
)

// DateStyle adds a cell style with DateFormat to f.
func DateStyle(f *excelize.File) (int, error) {
	fm := DateFormat
	return f.NewStyle(&excelize.Style{CustomNumFmt: &fm})
}

// PercentStyle adds a cell style with PercentFormat to f.
func PercentStyle(f *excelize.File) (int, error) {
	fm := PercentFormat
	return f.NewStyle(&excelize.Style{CustomNumFmt: &fm})
}

// PrintSetup makes sheet print on A4 landscape, scaled to the page width
// (as many pages down as needed), with its first headerRows rows repeated
// at the top of every page.
func PrintSetup(f *excelize.File, sheet string, headerRows int) error {
	a4, landscape, one, any := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	margin := 0.5
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin}); err != nil {
		return err
	}
	if headerRows <= 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$" + strconv.Itoa(headerRows)})
}

// TextWidth is the column width (in Excel's character units) that shows s
// whole: a CJK character takes two units, other characters one.
func TextWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x2E80 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
