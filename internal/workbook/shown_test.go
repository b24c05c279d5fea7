package workbook

import (
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"lpg/internal/form"
)

// TestPadShown (review round 4, H4): the formats read as Excel shows them
// and what Excel shows; every other format or value keeps the stored
// number (ok false).
func TestPadShown(t *testing.T) {
	for _, c := range []struct {
		raw, format, want string
		ok                bool
	}{
		{"12345", "00000000", "00012345", true},
		{"12345678", "00000000", "12345678", true},
		{"123456789", "00000000", "123456789", true}, // longer than the format: all digits shown
		{"0", "0000", "0000", true},
		{"107", `"E01GZ"0000`, "E01GZ0107", true},
		{"2026100107", `"E01GZ"0000000000`, "E01GZ2026100107", true},
		{"12345", "000-0000", "001-2345", true},
		{"1234567", "000-0000", "123-4567", true},
		{"123456789", "000-0000", "12345-6789", true},
		{"12", `\A0000`, "A0012", true},
		{"12", `0000"号"`, "0012号", true},
		{"12", "0000号", "0012号", true},
		{"12", "[Red]0000", "0012", true},
		{"12", "[Color10]0000", "0012", true},
		{"12", "[$-804]0000", "0012", true},
		{"12", "0000;-0000", "0012", true},
		{"12", "0000;-0000;\"零\"", "0012", true},
		{"0", "0000;-0000;\"零\"", "零", false}, // the zero section has no placeholder
		{"0", "0000;-0000;000", "000", true},
		{"0", "0000;-0000", "0000", true},
		{"12", `"a;b"0000`, "a;b0012", true},
		{"13800138000", "0;[Red]-0", "13800138000", true},
		{"12", "0", "12", true},
		{"2159720000", "00000000000", "02159720000", true},
		// kept as stored
		{"12", "General", "", false},
		{"12", "@", "", false},
		{"12", "#,##0", "", false},
		{"12", "#0000", "", false},
		{"12", "0.00", "", false},
		{"12", "0%", "", false},
		{"12", "0000E+00", "", false},
		{"12", "[>100]0000;0", "", false},
		{"12", "[$¥-804]0000", "", false},
		{"12", "* 0000", "", false},
		{"12", "0000_)", "", false},
		{"12", "# ?/?", "", false},
		{"12", `"E01GZ`, "", false},
		{"12", "[Red0000", "", false},
		{"12", `0000\`, "", false},
		{"12", `"无编号"`, "", false},
		{"-12", "0000", "", false},
		{"12.7", "00000000", "", false},
		{"1.23456789012345E+17", "00000000", "", false},
		{"", "0000", "", false},
		{"12a", "0000", "", false},
	} {
		got, ok := padShown(c.raw, c.format)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("padShown(%q, %q) = %q, %v; want %q, %v", c.raw, c.format, got, ok, c.want, c.ok)
		}
	}
}

// TestReadXLSXShown (review round 4, H4): ReadXLSX reads numbers in
// zero-padding formats as shown in the code and phone columns of the form
// below its header (here below a title row), one group per column and
// format; a merged range carries the shown value; other columns (an
// integer, text, a date) and cells of other formats keep the stored value.
func TestReadXLSXShown(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		style := func(format string) int {
			id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		pad8, pad4, lit, plain := style("00000000"), style("0000"), style(`"E01GZ"0000`), style("#,##0")
		f.SetSheetRow("Sheet1", "A1", &[]any{"2026年11月排查表"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"隐患编号", "用户编号", "联系电话", "用户名称", "告知单编号", "安检日期"})
		f.SetSheetRow("Sheet1", "A3", &[]any{"E01-202611-0001", 12345, 2159720000, 12, 107, "2026-11-03"})
		f.SetSheetRow("Sheet1", "A4", &[]any{"E01-202611-0002", 67, 13800138000, "", 108})
		f.SetSheetRow("Sheet1", "A5", &[]any{"E01-202611-0003", 678, 13800138001, "", 1234})
		f.SetSheetRow("Sheet1", "A6", &[]any{"E01-202611-0004", "", 13800138002})
		for cell, st := range map[string]int{"B3": pad8, "B4": pad8, "B5": pad8, "C3": style("00000000000"), "C4": pad8,
			"D3": pad4, "E3": lit, "E4": pad4, "E5": plain, "A1": pad4} {
			f.SetCellStyle("Sheet1", cell, cell, st)
		}
		f.MergeCell("Sheet1", "B5", "B6")
	})
	ws, err := ReadXLSX(b, "", form.Hazards)
	if err != nil {
		t.Fatal(err)
	}
	want := "2026年11月排查表,,,,,\n" +
		"隐患编号,用户编号,联系电话,用户名称,告知单编号,安检日期\n" +
		"E01-202611-0001,00012345,02159720000,12,E01GZ0107,2026-11-03\n" +
		"E01-202611-0002,00000067,13800138000,,0108,\n" +
		"E01-202611-0003,00000678,13800138001,,1234,\n" +
		"E01-202611-0004,00000678,13800138002,,,\n"
	if string(ws.Text) != want {
		t.Errorf("text\n got %q\nwant %q", ws.Text, want)
	}
	wantShown := []Shown{
		{Column: "用户编号", Format: "00000000", Cells: []string{"B3", "B4", "B5"}, Row: 3, Raw: "12345", Value: "00012345"},
		{Column: "联系电话", Format: "00000000000", Cells: []string{"C3"}, Row: 3, Raw: "2159720000", Value: "02159720000"},
		{Column: "告知单编号", Format: `"E01GZ"0000`, Cells: []string{"E3"}, Row: 3, Raw: "107", Value: "E01GZ0107"},
		{Column: "告知单编号", Format: "0000", Cells: []string{"E4"}, Row: 4, Raw: "108", Value: "0108"},
	}
	if fmt.Sprint(ws.Shown) != fmt.Sprint(wantShown) {
		t.Errorf("shown\n got %+v\nwant %+v", ws.Shown, wantShown)
	}

	// No header of the form: nothing is read as shown.
	b = book(t, func(f *excelize.File) {
		format := "00000000"
		st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		f.SetSheetRow("Sheet1", "A1", &[]any{"编号", 12345})
		f.SetCellStyle("Sheet1", "B1", "B1", st)
	})
	if ws, err := ReadXLSX(b, "", form.Hazards); err != nil || string(ws.Text) != "编号,12345\n" || ws.Shown != nil {
		t.Errorf("no header: %+v %v", ws, err)
	}
}
