package workbook

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/form"
	"lpg/internal/reference"
)

func smallRef() *reference.Data {
	return &reference.Data{
		Towns: []reference.Town{{Code: "310118102", Name: "朱家角镇"}, {Code: "310118001", Name: "夏阳街道"}},
		Villages: []reference.Village{{Code: "310118102001", Name: "胜利街居委会", TownCode: "310118102"},
			{Code: "310118102002", Name: "张马村村委会", TownCode: "310118102"}, {Code: "310118001001", Name: "东方社区居委会", TownCode: "310118001"}},
		HazardTypes: []reference.HazardType{{Code: "HOSE_AGED", Name: "胶管老化", Severity: "一般", DeadlineDays: 30}},
	}
}

// libreOfficeFormat is the number format LibreOffice writes back for a
// style when it re-saves a workbook as .xlsx (seen with LibreOffice 7.4 in
// English and Chinese settings, `soffice --convert-to xlsx`): built-in
// format 14 becomes the locale's short date, an explicit format is kept
// (with its hyphens escaped).
func libreOfficeFormat(st *excelize.Style, locale string) string {
	switch {
	case st.CustomNumFmt != nil:
		return strings.ReplaceAll(*st.CustomNumFmt, "-", `\-`)
	case st.NumFmt == 14 && locale == "en_US":
		return "m/d/yyyy"
	case st.NumFmt == 14:
		return `yyyy\-m\-d`
	}
	return ""
}

// TestTemplateLibreOfficeRoundTrip (issue 12 finding 1): a clerk types
// 2026-10-05 into the date column of the template, LibreOffice stores it
// as a number with the column's format and re-saves the workbook with its
// own format codes. Read back, the workbook and a CSV saved "as shown"
// must both hold exactly what was typed. With built-in format 14 English
// LibreOffice showed and saved 10/5/2026.
func TestTemplateLibreOfficeRoundTrip(t *testing.T) {
	typed := calendar.Date{Year: 2026, Month: 10, Day: 5}
	for _, kind := range []string{form.Hazards, form.Rectifications} {
		for _, locale := range []string{"en_US", "zh_CN"} {
			t.Run(kind+"/"+locale, func(t *testing.T) {
				o := Options{Town: "310118102"}
				if kind == form.Rectifications {
					o.Rows = []map[string]any{{"隐患编号": "E01-202610-0001", "村居": "胜利街居委会", "隐患类别（参考）": "胶管老化", "整改期限（参考）": typed}}
				}
				b, err := Template(kind, smallRef(), o)
				if err != nil {
					t.Fatal(err)
				}
				f, err := excelize.OpenReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				sheet := f.GetSheetName(0)
				head, _ := f.GetRows(sheet)
				dateCol := ""
				for i, h := range head[0] {
					if p := propByHeader(kind, h); p != nil && p.Kind == "date" {
						dateCol, _ = excelize.ColumnNumberToName(i + 1)
						break
					}
				}
				// The clerk types the date: a number with the column's style.
				cell := dateCol + "2"
				colStyle, _ := f.GetColStyle(sheet, dateCol)
				if err := f.SetCellFloat(sheet, cell, 46300, 0, 64); err != nil { // 46300 = 2026-10-05
					t.Fatal(err)
				}
				_ = f.SetCellStyle(sheet, cell, cell, colStyle)
				st, err := f.GetStyle(colStyle)
				if err != nil {
					t.Fatal(err)
				}
				if st.NumFmt == 14 && st.CustomNumFmt == nil {
					t.Errorf("date column %s uses built-in format 14", dateCol)
				}
				// LibreOffice re-saves every date style with its own code.
				code := libreOfficeFormat(st, locale)
				lo, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
				_ = f.SetCellStyle(sheet, cell, cell, lo)
				var out bytes.Buffer
				if _, err := f.WriteTo(&out); err != nil {
					t.Fatal(err)
				}
				// Saved as CSV "as shown": the displayed text.
				g, _ := excelize.OpenReader(bytes.NewReader(out.Bytes()))
				shown, _ := g.GetCellValue(sheet, cell)
				if d, _, err := csvio.ParseDate(shown); err != nil || d != typed {
					t.Errorf("LibreOffice (%s) shows and saves %q for the typed 2026-10-05", locale, shown)
				}
				// Imported from the workbook.
				ws, err := ReadXLSX(out.Bytes(), "", kind)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(ws.Text), ",2026-10-05") {
					t.Errorf("ReadXLSX lost the typed date:\n%s", ws.Text)
				}
			})
		}
	}
}

func propByHeader(kind, h string) *form.Prop {
	fm := form.Get(kind)
	for i := range fm.Props {
		if fm.Props[i].Header == h {
			return &fm.Props[i]
		}
	}
	return nil
}

// TestPrefilledTemplate (issue 12 finding 3): the pre-filled 汇总表 carries
// the context columns after 村居, whole ids fit their column, the village
// list holds only the town's villages, there is a 填表说明 sheet, the sheet
// prints on A4 landscape with its header repeated, and what lpg reads back
// is the form's columns only.
func TestPrefilledTemplate(t *testing.T) {
	b, err := Template(form.Rectifications, smallRef(), Options{Town: "310118102", Title: "朱家角镇 2026-10", SaveAs: "data/rectifications/2026-10/310118102.csv",
		Rows: []map[string]any{{"隐患编号": "E01-202610-0001", "村居": "胜利街居委会", "隐患类别（参考）": "胶管老化", "隐患等级（参考）": "一般",
			"用气地址（参考）": "北大街", "整改期限（参考）": calendar.Date{Year: 2026, Month: 11, Day: 4}, "逾期天数（参考）": 12}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), " "); got != "汇总表 选项 填表说明" {
		t.Errorf("sheets: %s", got)
	}
	rows, _ := f.GetRows("汇总表")
	want := "隐患编号 村居 隐患类别（参考） 隐患等级（参考） 用气地址（参考） 整改期限（参考） 逾期天数（参考） 整改状态"
	if got := strings.Join(rows[0], " "); !strings.HasPrefix(got, want) {
		t.Errorf("header:\n%s\nwant prefix\n%s", got, want)
	}
	if w, _ := f.GetColWidth("汇总表", "A"); w < float64(len("E01-202610-0001"))+1 {
		t.Errorf("隐患编号 column %.0f wide cannot show a whole id", w)
	}
	villages, _ := f.GetCols("选项")
	found := false
	for _, col := range villages {
		if strings.TrimSpace(strings.Join(col, " ")) == "胜利街居委会 张马村村委会" {
			found = true
		}
	}
	if !found {
		t.Errorf("village list is not limited to the town: %v", villages)
	}
	if text, _ := f.GetCellValue("填表说明", "A1"); !strings.Contains(text, "填表说明") {
		t.Errorf("填表说明 A1 = %q", text)
	}
	all, _ := f.GetRows("填表说明")
	if !strings.Contains(fmt.Sprint(all), "data/rectifications/2026-10/310118102.csv") {
		t.Error("填表说明 does not say where to upload")
	}
	lay, _ := f.GetPageLayout("汇总表")
	if lay.Size == nil || *lay.Size != 9 || lay.Orientation == nil || *lay.Orientation != "landscape" || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("page layout %+v", lay)
	}
	if names := f.GetDefinedName(); len(names) == 0 || names[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("no repeated header rows: %+v", names)
	}
	ws, err := ReadXLSX(b, "", form.Rectifications)
	if err != nil {
		t.Fatal(err)
	}
	tab, ds := csvio.Read("x.csv", ws.Text, form.Get(form.Rectifications).Columns)
	if tab == nil || len(ds) != 0 {
		t.Fatalf("read back: %v", ds)
	}
	for k := range tab.Records[0].Values {
		if strings.HasPrefix(k, form.ContextPrefix) {
			continue
		}
		if form.Get(form.Rectifications).Prop(k) == nil {
			t.Errorf("read back an unknown field %s", k)
		}
	}
}

// TestHeaderStyle: every header cell of the form's sheet is bold on a
// fill — the id, phone and date columns' too, whose column style (text,
// date format) restyled the header cell before (it lost bold and fill);
// the context columns' headers are bold on grey. For the three blank
// forms and a pre-filled 汇总表.
func TestHeaderStyle(t *testing.T) {
	for _, tc := range []struct {
		kind, sheet string
		o           Options
	}{
		{form.Hazards, "排查表", Options{}},
		{form.Rectifications, "汇总表", Options{Town: "310118102"}},
		{form.Inspections, "入户安检量表", Options{}},
		{form.Rectifications, "汇总表", bigTown(3)},
	} {
		b, err := Template(tc.kind, smallRef(), tc.o)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(tc.sheet)
		for i, h := range rows[0] {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			id, _ := f.GetCellStyle(tc.sheet, cell)
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			fill := ""
			if st.Fill.Pattern == 1 && len(st.Fill.Color) == 1 {
				fill = st.Fill.Color[0]
			}
			want := "DDEBF7"
			if strings.HasSuffix(h, "（参考）") {
				want = "D9D9D9"
			}
			if st.Font == nil || !st.Font.Bold || fill != want {
				t.Errorf("%s %s %s（%s）: bold %v, fill %q; want bold on %s", tc.kind, tc.o.Title, cell, h, st.Font != nil && st.Font.Bold, fill, want)
			}
		}
	}
}
