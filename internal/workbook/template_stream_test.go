package workbook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lpg/internal/calendar"
	"lpg/internal/form"
	"lpg/internal/reference"
)

// bigTown is a pre-filled 汇总表 of n rows as render gives it (context
// columns, dates, numbers, empty cells, a row with only its id).
func bigTown(n int) Options {
	rows := make([]map[string]any, n)
	for i := range rows {
		rows[i] = map[string]any{"隐患编号": fmt.Sprintf("E%02d-202610-%04d", i%4+1, i+1), "村居": "胜利街居委会",
			"隐患类别（参考）": "胶管老化", "隐患等级（参考）": "一般", "用气地址（参考）": fmt.Sprintf("北大街 %d 弄", i),
			"整改期限（参考）": calendar.Date{Year: 2026, Month: 11, Day: 1 + i%28}, "逾期天数（参考）": i % 40}
		if i%7 == 0 { // wider than a column grows (40)
			rows[i]["用气地址（参考）"] = strings.Repeat("青浦区朱家角镇", 4) + fmt.Sprintf("%d 号", i)
		}
		switch i % 5 {
		case 1:
			rows[i]["整改状态"] = "已整改"
			rows[i]["整改完成日期"] = calendar.Date{Year: 2026, Month: 10, Day: 1 + i%28}
			rows[i]["核查人"] = "王建国"
		case 2:
			rows[i]["用气地址（参考）"] = ""
			rows[i]["整改期限（参考）"] = calendar.Date{}
		case 3:
			rows[i] = map[string]any{"隐患编号": fmt.Sprintf("E01-202610-%04d", i+1)}
		}
	}
	return Options{Town: "310118102", Title: "朱家角镇 2026-10", SaveAs: "data/rectifications/2026-10/310118102.csv", Rows: rows}
}

// TestTemplateMatchesRef (issue 14): the streamed Template gives the
// workbook templateRef (the cell API) gave, for users: the same sheets,
// visibility and active sheet, and on every sheet the same cells — value,
// type (text written inline counts as the shared text it was), style
// (font, fill, number format, alignment, as excelize reads it back) —
// column widths and styles, row heights, merged cells, data validations
// (ranges, lists, messages), panes, page layout and margins, sheet
// properties and defined names (the print titles). Streamed, it is
// also deterministic.
func TestTemplateMatchesRef(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind string
		o    Options
	}{
		{"hazards", form.Hazards, Options{}},
		{"rectifications-town", form.Rectifications, Options{Town: "310118102"}},
		{"inspections", form.Inspections, Options{}},
		{"hazards-due", form.Hazards, Options{Title: "E01 2026-11 排查表", SaveAs: "data/hazards/2026-11/E01.csv"}},
		{"prefilled", form.Rectifications, bigTown(40)},
		{"prefilled-over-maxRows", form.Rectifications, bigTown(maxRows + 5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := templateRef(tc.kind, smallRef(), tc.o)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Template(tc.kind, smallRef(), tc.o)
			if err != nil {
				t.Fatal(err)
			}
			sameWorkbook(t, want, got)
			again, err := Template(tc.kind, smallRef(), tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) { // lpg build writes the same bytes for the same data
				t.Error("two Templates of the same form and rows differ")
			}
		})
	}
}

func sameWorkbook(t *testing.T, want, got []byte) {
	t.Helper()
	a, err := excelize.OpenReader(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	b, err := excelize.OpenReader(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	same := func(what string, x, y any) {
		t.Helper()
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s:\nref    %+v\nstream %+v", what, x, y)
		}
	}
	same("sheets", a.GetSheetList(), b.GetSheetList())
	same("active sheet", a.GetActiveSheetIndex(), b.GetActiveSheetIndex())
	same("defined names", a.GetDefinedName(), b.GetDefinedName())
	cells := 0
	for _, sh := range a.GetSheetList() {
		va, _ := a.GetSheetVisible(sh)
		vb, _ := b.GetSheetVisible(sh)
		same(sh+" visible", va, vb)
		pa, _ := a.GetSheetProps(sh)
		pb, _ := b.GetSheetProps(sh)
		same(sh+" sheet props", pa, pb)
		la, _ := a.GetPageLayout(sh)
		lb, _ := b.GetPageLayout(sh)
		same(sh+" page layout", la, lb)
		ma, _ := a.GetPageMargins(sh)
		mb, _ := b.GetPageMargins(sh)
		same(sh+" margins", ma, mb)
		pna, _ := a.GetPanes(sh)
		pnb, _ := b.GetPanes(sh)
		same(sh+" panes", pna, pnb)
		dva, _ := a.GetDataValidations(sh)
		dvb, _ := b.GetDataValidations(sh)
		same(sh+" data validations", dva, dvb)
		mca, _ := a.GetMergeCells(sh)
		mcb, _ := b.GetMergeCells(sh)
		same(sh+" merged cells", fmt.Sprint(mca), fmt.Sprint(mcb))
		ra, _ := a.GetRows(sh, excelize.Options{RawCellValue: true})
		rb, _ := b.GetRows(sh, excelize.Options{RawCellValue: true})
		same(sh+" rows", len(ra), len(rb))
		width := 0
		for _, r := range ra {
			width = max(width, len(r))
		}
		for c := 1; c <= width+3; c++ {
			col, _ := excelize.ColumnNumberToName(c)
			wa, _ := a.GetColWidth(sh, col)
			wb, _ := b.GetColWidth(sh, col)
			same(sh+" width of "+col, wa, wb)
			sa, _ := a.GetColStyle(sh, col)
			sb, _ := b.GetColStyle(sh, col)
			same(sh+" style of column "+col, style(t, a, sa), style(t, b, sb))
		}
		for r := 1; r <= len(ra)+1; r++ {
			ha, _ := a.GetRowHeight(sh, r)
			hb, _ := b.GetRowHeight(sh, r)
			same(fmt.Sprintf("%s height of row %d", sh, r), ha, hb)
			for c := 1; c <= width+1; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				xa, _ := a.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
				xb, _ := b.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
				same(sh+" "+cell+" value", xa, xb)
				shown, _ := a.GetCellValue(sh, cell)
				shownB, _ := b.GetCellValue(sh, cell)
				same(sh+" "+cell+" shown", shown, shownB)
				ta, _ := a.GetCellType(sh, cell)
				tb, _ := b.GetCellType(sh, cell)
				same(sh+" "+cell+" type", cellType(ta), cellType(tb))
				sa, _ := a.GetCellStyle(sh, cell)
				sb, _ := b.GetCellStyle(sh, cell)
				same(sh+" "+cell+" style", style(t, a, sa), style(t, b, sb))
				cells++
				if t.Failed() {
					t.FailNow()
				}
			}
		}
	}
	if cells == 0 {
		t.Fatal("no cells compared")
	}
}

// cellType folds text written in the cell (inline, as a stream writes
// it) into shared text: a reader sees the same string.
func cellType(c excelize.CellType) excelize.CellType {
	if c == excelize.CellTypeInlineString {
		return excelize.CellTypeSharedString
	}
	return c
}

// style is what style id means in f (ids differ between files): the
// style as excelize reads it back, pointers followed.
func style(t *testing.T, f *excelize.File, id int) string {
	t.Helper()
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatalf("style %d: %v", id, err)
	}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// BenchmarkTemplate writes the pre-filled 汇总表 of a big town (1,500
// rows) streamed (Template) beside the cell API (templateRef) in one run:
//
//	go test ./internal/workbook -run '^$' -bench Template -benchmem
func BenchmarkTemplate(b *testing.B) {
	o := bigTown(1500)
	for _, c := range []struct {
		name string
		fn   func(string, *reference.Data, Options) ([]byte, error)
	}{{"stream", Template}, {"cell-api", templateRef}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			ref := smallRef()
			var size int
			for b.Loop() {
				out, err := c.fn(form.Rectifications, ref, o)
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size), "xlsx-bytes")
		})
	}
}
