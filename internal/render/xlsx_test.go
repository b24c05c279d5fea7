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
	want := []string{"概况", "新增-按等级", "新增-按街镇", "新增-按企业", "新增-按类别", "整改情况", "未闭环", "逾期清单", "移交联合整治", "材料报送", "趋势"}
	if got := f.GetSheetList(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	rows, _ := f.GetRows("逾期清单")
	d := loadSample(t)
	rep := reportOf(t, d, "2026-11")
	if len(rows)-1 != rep.Open.Overdue {
		t.Errorf("逾期清单 has %d rows, report.json overdue = %d", len(rows)-1, rep.Open.Overdue)
	}
	sum, _ := f.GetRows("概况")
	if len(sum) < 5 || !strings.HasPrefix(sum[4][1], "本期（2026-11）月报统计") {
		t.Errorf("概况 lacks the summary: %v", sum)
	}
	for _, name := range []string{"towns/310118102/hazards-2026-09.xlsx", "towns/310118102/rectification-2026-09.xlsx"} {
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
