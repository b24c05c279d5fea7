package render

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
)

// rowsCases are sheets with every kind of cell book writes, and the texts
// excelize treats specially: escaping, xml:space, _xHHHH_, invalid UTF-8,
// control characters, columns past Z, longText heights, rows longer than
// the header, empty rows and sheets.
func rowsCases() [][]sheet {
	texts := []string{"", "王**", "户主王**、妻子李*", "a&b", "<x>", `"q"`, "it's", " lead", "trail ", "\tt", "l\nf", "cr\r", "a\r\nb",
		"\x01ctl", "bad\xffutf8", "\uFFFE", "_x0041_", "_x005F_x0041_", "_x005F_", "__x12G4_", "a_x00e9_b&_x0041_", "E01-202609-0001",
		strings.Repeat("长", 10922), strings.Repeat("x", 32767), "=SUM(A1)", "+86 138", "1.5", "0012", "\u2028", "😀", "&#xA;"}
	var rows [][]any
	for i, s := range texts {
		lt := longText(s)
		if len(s) > 200 {
			lt = "long"
		}
		rows = append(rows, []any{s, i, lt, pct(float64(i) / 7), nil, calendar.Date{Year: 2026, Month: time.Month(1 + i%12), Day: 1 + i%28}})
	}
	wide := make([]any, 60)
	for i := range wide {
		wide[i] = strings.Repeat("w", i)
	}
	rows = append(rows, wide, []any{}, []any{nil, nil, "after nils"})
	var nums [][]any
	for _, v := range []float64{0, 1, -0.5, 1.0 / 3, 0.03125, 0.99995, 123456.78912345, 1e-7, -1e16, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		nums = append(nums, []any{pct(v), v, int(v), -7, math.MaxInt64, math.MinInt64})
	}
	var dates [][]any
	for d := time.Date(1901, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2200; d = d.AddDate(0, 0, 13) {
		dates = append(dates, []any{calendar.Date{Year: d.Year(), Month: d.Month(), Day: d.Day()}, calendar.Date{}})
	}
	long := [][]any{{"数据版本", strings.Repeat("宽", 25)}, {"概况", longText(strings.Repeat("需督办：未闭环重大隐患 11 起。", 20))}, {"x", longText(strings.Repeat("短", 3))}, {longText("no column"), "a", "b", longText(strings.Repeat("y", 500))}}
	return [][]sheet{
		{{Name: "文字", Head: []string{"文字", "序号", "长文字", "比例", "空", "日期"}, Rows: rows}},
		{{Name: "数", Head: []string{"比例", "数", "整数", "负", "大", "小"}, Rows: nums}, {Name: "日期", Head: []string{"日期", "空"}, Rows: dates}},
		{{Name: "概况", Head: []string{"项目", "内容"}, Rows: long}, {Name: "空", Head: []string{"无"}}, {Name: "无表头", Rows: [][]any{{"a", 1}}}},
	}
}

// TestRowsWriterMatchesExcelize: book's own row writer gives the same
// workbook, byte for byte, as excelize's StreamWriter on the same sheets.
func TestRowsWriterMatchesExcelize(t *testing.T) {
	for k, sheets := range rowsCases() {
		widths := sheetWidths(sheets)
		if !fastRows(sheets, widths) {
			t.Fatalf("case %d: fastRows refuses the sheets, so nothing is compared", k)
		}
		fast, err := writeBook(sheets, widths, true)
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		ref, err := bookExcelize(sheets)
		if err != nil {
			t.Fatalf("case %d: excelize: %v", k, err)
		}
		if !bytes.Equal(fast, ref) {
			t.Errorf("case %d (%s): the row writer's workbook (%d bytes) differs from excelize's (%d bytes)%s", k, sheets[0].Name, len(fast), len(ref), firstDiff(t, fast, ref))
		}
	}
}

// firstDiff describes where two workbooks first differ (the part and the
// XML around it).
func firstDiff(t *testing.T, a, b []byte) string {
	t.Helper()
	pa, pb := xlsxParts(t, a), xlsxParts(t, b)
	for name, x := range pb {
		y := pa[name]
		if bytes.Equal(x, y) {
			continue
		}
		i := 0
		for i < len(x) && i < len(y) && x[i] == y[i] {
			i++
		}
		return "\n" + name + "\n   row writer: " + string(y[max(0, i-80):min(len(y), i+80)]) + "\n   excelize:   " + string(x[max(0, i-80):min(len(x), i+80)])
	}
	return " (same parts)"
}

// TestFastRowsRefuses: a cell the row writer does not take sends the whole
// workbook through excelize, which then gives what it always gave
// (including its error for a row too high).
func TestFastRowsRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		row  []any
	}{
		{"int64", []any{int64(1)}},
		{"bool", []any{true}},
		{"NaN", []any{pct(math.NaN())}},
		{"float64 infinity", []any{math.Inf(1)}},
		{"text too long", []any{strings.Repeat("x", 32768)}},
		{"date before 1901", []any{calendar.Date{Year: 1900, Month: 3, Day: 1}}},
		{"date after 2199", []any{calendar.Date{Year: 2200, Month: 1, Day: 1}}},
		{"row too high", []any{longText(strings.Repeat("长", 2000))}},
	} {
		sheets := []sheet{{Name: "S", Head: []string{"h"}, Rows: [][]any{{"a"}, c.row}}}
		if fastRows(sheets, sheetWidths(sheets)) {
			t.Errorf("%s: fastRows takes it", c.name)
		}
		n := excelizeBooks.Load()
		got, err := book(sheets)
		want, werr := bookExcelize(sheets)
		if excelizeBooks.Load() != n+1 {
			t.Errorf("%s: book did not go through excelize", c.name)
		}
		if (err == nil) != (werr == nil) || !bytes.Equal(got, want) {
			t.Errorf("%s: book gave (%d bytes, %v), excelize (%d bytes, %v)", c.name, len(got), err, len(want), werr)
		}
	}
}

// TestSiteWorkbooksUseRowsWriter: every workbook of a site (report.xlsx,
// the towns' lists, the scorecards) is written by the row writer, not by
// excelize cell by cell.
func TestSiteWorkbooksUseRowsWriter(t *testing.T) {
	thin := thinSample(t)
	for _, internal := range []bool{false, true} {
		n := excelizeBooks.Load()
		files := mustSite(t, thin, sampleOptions(thin, internal))
		books := 0
		for p := range files {
			if strings.HasSuffix(p, ".xlsx") {
				books++
			}
		}
		if books == 0 {
			t.Fatal("the site has no workbook")
		}
		if d := excelizeBooks.Load() - n; d != 0 {
			t.Errorf("internal=%v: %d of %d workbooks went through excelize cell by cell", internal, d, books)
		}
	}
}

// FuzzRowsWriter compares the row writer with excelize on one row of any
// text, number and ratio.
func FuzzRowsWriter(f *testing.F) {
	f.Add("户主王**", 3, 0.5)
	f.Add("_x0041_&<\n ", -1, 1.0/3)
	f.Fuzz(func(t *testing.T, s string, n int, p float64) {
		sheets := []sheet{{Name: "S", Head: []string{"文字", "长", "数", "比例"}, Rows: [][]any{{s, longText(s), n, pct(p)}, {nil, s}}}}
		if !fastRows(sheets, sheetWidths(sheets)) {
			return
		}
		fast, err := book(sheets)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := bookExcelize(sheets)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fast, ref) {
			t.Errorf("%q %d %v: workbooks differ%s", s, n, p, firstDiff(t, fast, ref))
		}
	})
}

// xlsxParts are the parts of a workbook by name.
func xlsxParts(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}
