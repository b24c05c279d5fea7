package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lpg/internal/loop"
	"lpg/internal/model"
)

// xlsxCells returns the text of every cell of the workbook b as CSV-like
// lines (",cell,cell,\r\n"), so the whole-cell patterns of
// TestSitePublicHidesPersonalData apply to workbooks too.
func xlsxCells(t *testing.T, name string, b []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer f.Close()
	var out bytes.Buffer
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatalf("%s %s: %v", name, sh, err)
		}
		for _, r := range rows {
			out.WriteString("," + strings.Join(r, ",") + ",\r\n")
		}
	}
	out.WriteByte(0)
	return out.Bytes()
}

// TestReportWorkbook: report.xlsx has the report's sheets, and its figures
// agree with report.json; the town workbooks hold the 派发清单 and the
// pre-filled 汇总表 with the same rows as the CSV downloads.
func TestReportWorkbook(t *testing.T) {
	files := buildSample(t, false)
	f, err := excelize.OpenReader(bytes.NewReader(files["reports/2026-11/report.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"概况", "新增-按等级", "新增-按街镇", "新增-按企业", "新增-按类别", "整改情况", "街镇排名", "用户逾期未整改清单", "移交联合整治", "材料报送", "趋势"}
	if got := f.GetSheetList(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	rows, _ := f.GetRows("用户逾期未整改清单")
	d := loadSample(t)
	rep := reportOf(t, d, "2026-11")
	if len(rows)-1 != rep.Open.Overdue {
		t.Errorf("用户逾期未整改清单 has %d rows, report.json overdue = %d", len(rows)-1, rep.Open.Overdue)
	}
	sum, _ := f.GetRows("概况")
	if len(sum) < 7 || sum[6][0] != "摘要" || !strings.HasPrefix(sum[6][1], "需督办：未闭环重大隐患 11 起") || sum[3][1] != "草稿，未发布" {
		t.Errorf("概况 lacks the summary or the draft mark: %v", sum)
	}
	for _, name := range []string{"towns/310118102/hazards-2026-09.xlsx", "towns/310118102/2026-09/310118102.xlsx"} {
		b := files[name]
		if b == nil {
			t.Errorf("missing %s", name)
			continue
		}
		g, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := g.GetRows(g.GetSheetName(0))
		csvName := strings.TrimSuffix(name, ".xlsx") + ".csv"
		if n := bytes.Count(files[csvName], []byte("\r\n")); len(rows) != n {
			t.Errorf("%s: %d rows, %s has %d lines", name, len(rows), csvName, n)
		}
		g.Close()
	}
}

func reportOf(t *testing.T, d *model.Dataset, period string) loop.Report {
	t.Helper()
	opt := sampleOptions(d, false)
	for _, m := range loop.ReportMonths(d, opt.AsOf) {
		if m.String() == period {
			return loop.MonthlyReport(d, opt.Receipts, m, opt.AsOf, opt.Commit)
		}
	}
	t.Fatalf("no report %s", period)
	return loop.Report{}
}

// TestWorkbookFormats (issue 12 findings 1, 3 and 6): every generated
// workbook prints on A4 landscape, fit to width, with its header row
// repeated; no cell uses built-in date format 14; percentages use one
// format; report.xlsx's 概况 has columns narrow enough to print its
// numbers; the pre-filled 汇总表 carries its context columns.
func TestWorkbookFormats(t *testing.T) {
	files := buildSample(t, false)
	n := 0
	for name, b := range files {
		if !strings.HasSuffix(name, ".xlsx") {
			continue
		}
		if n++; n > 40 && !strings.HasSuffix(name, "report.xlsx") {
			continue // a sample of the town workbooks is enough
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		titles := map[string]bool{}
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" {
				titles[dn.Scope] = true
			}
		}
		for _, sh := range f.GetSheetList() {
			if v, _ := f.GetSheetVisible(sh); !v || sh == "填表说明" {
				continue
			}
			lay, _ := f.GetPageLayout(sh)
			if lay.Size == nil || *lay.Size != 9 || lay.Orientation == nil || *lay.Orientation != "landscape" || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
				t.Errorf("%s %s: page layout is not A4 landscape fit to width", name, sh)
			}
			if !titles[sh] {
				t.Errorf("%s %s: header row not repeated on printed pages", name, sh)
			}
			rows, _ := f.GetRows(sh)
			for r := range rows {
				for c := range rows[r] {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					id, _ := f.GetCellStyle(sh, cell)
					st, _ := f.GetStyle(id)
					if st == nil {
						continue
					}
					if st.NumFmt == 14 || st.NumFmt == 10 || st.NumFmt == 9 {
						t.Fatalf("%s %s %s: built-in number format %d", name, sh, cell, st.NumFmt)
					}
					if st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%") && *st.CustomNumFmt != "0.0%" {
						t.Errorf("%s %s %s: percentage format %q", name, sh, cell, *st.CustomNumFmt)
					}
				}
			}
		}
		if strings.HasSuffix(name, "report.xlsx") {
			total := 0.0
			for _, col := range []string{"A", "B"} {
				w, _ := f.GetColWidth("概况", col)
				total += w
			}
			if total > 110 {
				t.Errorf("%s 概况: columns A+B are %.0f wide; the numbers fall off the page", name, total)
			}
			rows, _ := f.GetRows("概况")
			for _, r := range rows {
				if len(r) == 2 && r[0] == "批次闭环率" && !strings.HasSuffix(r[1], "%") {
					t.Errorf("%s 概况: closure rate shown as %q", name, r[1])
				}
			}
		}
		f.Close()
	}
	g, err := excelize.OpenReader(bytes.NewReader(files["towns/310118102/2026-09/310118102.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := g.GetRows("汇总表")
	if len(rows) < 2 || strings.Join(rows[0][:4], " ") != "隐患编号 村居 隐患类别（参考） 隐患等级（参考）" || rows[1][2] == "" {
		t.Errorf("pre-filled 汇总表 lacks its context: %v", rows[:min(2, len(rows))])
	}
}
