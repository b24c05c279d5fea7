package workbook

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestIsDateFormat(t *testing.T) {
	for f, want := range map[string]bool{
		"yyyy-mm-dd": true, "yyyy\"年\"m\"月\"d\"日\"": true, "[$-804]yyyy年m月d日": true, "m/d/yy": true,
		"0;[Red]-0": false, "0": false, "@": false, "#,##0.00": false, "\"day\"0": false, "0\\d": false,
	} {
		if got := isDateFormat(f); got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", f, got, want)
		}
	}
}

func book(t *testing.T, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	build(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	one := book(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"隐患编号", "联系电话", "安检日期"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"E01-202607-0001", 13800138000, time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)})
		red, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0;[Red]-0")})
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle("Sheet1", "B2", "B2", red)
		f.SetCellStyle("Sheet1", "C2", "C2", date)
	})
	text, sheet, _, err := ReadXLSX(one, "")
	if err != nil || sheet != "Sheet1" {
		t.Fatal(sheet, err)
	}
	if want := "隐患编号,联系电话,安检日期\nE01-202607-0001,13800138000,2026-07-05\n"; string(text) != want {
		t.Errorf("text = %q, want %q", text, want)
	}

	two := book(t, func(f *excelize.File) {
		f.SetCellStr("Sheet1", "A1", "隐患编号")
		f.NewSheet("续表")
		f.SetCellStr("续表", "A1", "隐患编号")
	})
	var several *SeveralSheetsError
	if _, _, _, err := ReadXLSX(two, ""); !errors.As(err, &several) || strings.Join(several.Sheets, ",") != "Sheet1,续表" {
		t.Errorf("two sheets with data: err = %v", err)
	}
	if _, used, _, err := ReadXLSX(two, "续表"); err != nil || used != "续表" {
		t.Errorf("chosen sheet: %q %v", used, err)
	}

	mac := book(t, func(f *excelize.File) {
		yes := true
		f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
		f.SetCellValue("Sheet1", "A1", "安检日期")
		f.SetCellValue("Sheet1", "A2", 44856) // 2026-10-23 in the 1904 system (2022-10-22 in the 1900 one)
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle("Sheet1", "A2", "A2", date)
	})
	if text, _, _, err := ReadXLSX(mac, ""); err != nil || !strings.Contains(string(text), "2026-10-23") {
		t.Errorf("1904 workbook: %q %v", text, err)
	}
	if _, _, _, err := ReadXLSX([]byte("PK\x03\x04 not really"), ""); err == nil {
		t.Error("a corrupt file must be refused")
	}
}

// TestReadXLSXMerged (review of 2026-12-02, round 3, G8): a range merged
// over rows (村居, 整改状态 of rows with the same value) holds its value in
// the top-left cell only; ReadXLSX reads it into the range's first column
// in every row of the range that has data, and names each such range. A
// merge within one row (a title over the columns) is left as it is;
// empty rows under a merged range stay empty.
func TestReadXLSXMerged(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"2026年8月汇总表"})
		f.MergeCell("Sheet1", "A1", "C1")
		f.SetSheetRow("Sheet1", "A2", &[]any{"隐患编号", "村居", "整改状态"})
		f.SetSheetRow("Sheet1", "A3", &[]any{"E02-202608-0116", "大新街居委会", "已整改"})
		f.SetSheetRow("Sheet1", "A4", &[]any{"E02-202608-0117"})
		f.SetSheetRow("Sheet1", "A5", &[]any{"E02-202608-0118", "", "整改中"})
		f.MergeCell("Sheet1", "B3", "B6") // row 6 is empty
		f.MergeCell("Sheet1", "C3", "C4")
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellValue("Sheet1", "D3", 46244) // 2026-08-10
		f.SetCellStyle("Sheet1", "D3", "D3", date)
		f.SetCellValue("Sheet1", "D5", "x")
		f.MergeCell("Sheet1", "D3", "D4")
	})
	text, _, merged, err := ReadXLSX(b, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "2026年8月汇总表,,,\n" +
		"隐患编号,村居,整改状态,\n" +
		"E02-202608-0116,大新街居委会,已整改,2026-08-10\n" +
		"E02-202608-0117,大新街居委会,已整改,2026-08-10\n" +
		"E02-202608-0118,大新街居委会,整改中,x\n"
	if string(text) != want {
		t.Errorf("text\n got %q\nwant %q", text, want)
	}
	wantMerged := []Merged{
		{Range: "B3:B6", Cell: "B3", Value: "大新街居委会", Rows: [2]int{3, 5}},
		{Range: "C3:C4", Cell: "C3", Value: "已整改", Rows: [2]int{3, 4}},
		{Range: "D3:D4", Cell: "D3", Value: "2026-08-10", Rows: [2]int{3, 4}},
	}
	if fmt.Sprint(merged) != fmt.Sprint(wantMerged) {
		t.Errorf("merged\n got %+v\nwant %+v", merged, wantMerged)
	}
}
