package workbook

import (
	"errors"
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
	text, sheet, err := ReadXLSX(one, "")
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
	if _, _, err := ReadXLSX(two, ""); !errors.As(err, &several) || strings.Join(several.Sheets, ",") != "Sheet1,续表" {
		t.Errorf("two sheets with data: err = %v", err)
	}
	if _, used, err := ReadXLSX(two, "续表"); err != nil || used != "续表" {
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
	if text, _, err := ReadXLSX(mac, ""); err != nil || !strings.Contains(string(text), "2026-10-23") {
		t.Errorf("1904 workbook: %q %v", text, err)
	}
	if _, _, err := ReadXLSX([]byte("PK\x03\x04 not really"), ""); err == nil {
		t.Error("a corrupt file must be refused")
	}
}
