package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lpg/internal/calendar"
	"lpg/internal/loop"
)

// TestIssue13Pages: on the sample, the report page's 入户安检与隐患率, 重复隐患户
// and 报相关部门 sections show report.json's figures; every department has its
// page with the figures of the latest report; the liaison directory links
// each department to its page.
func TestIssue13Pages(t *testing.T) {
	d := loadSample(t)
	files := buildSample(t, false)
	months := loop.ReportMonths(d, sampleAsOf)
	var reps []loop.Report
	for _, m := range months {
		reps = append(reps, loop.MonthlyReport(d, loop.ReceiptMap(d.Receipts), m, sampleAsOf, ""))
	}
	page := string(files["reports/2026-11/index.html"])
	r := reps[len(reps)-1]
	if r.Period != "2026-11" {
		t.Fatalf("latest report %s", r.Period)
	}
	c := r.Inspections
	for _, want := range []string{
		`<h2 id="coverage">入户安检与隐患率（2026-10）</h2>`,
		fmt.Sprintf(`<span class="label">安检户数</span><span class="value">%d</span>`, c.Inspected),
		fmt.Sprintf(`<span class="label">隐患率</span><span class="value">%.1f%%</span>`, c.HazardRate*100),
		"2026-10 入户安检量表应报 4 份，尚未收到：上海泖河液化气有限公司（示例）、上海练塘能源服务有限公司（示例） 逾期未报。",
		fmt.Sprintf(`<h2 id="repeats">重复隐患户（%d 户`, r.RepeatHouseholds.Total),
		`<h2 id="departments">报相关部门</h2>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	for _, dp := range d.Ref.Departments {
		x := r.Departments[dp.Code]
		row := fmt.Sprintf(`<a href="../../departments/%s/index.html">%s</a></th><td>`, dp.Code, dp.Label())
		if !strings.Contains(page, row) {
			t.Errorf("report page: no row for %s", dp.Code)
		}
		p := string(files["departments/"+dp.Code+"/index.html"])
		if p == "" {
			t.Errorf("no page for department %s", dp.Code)
			continue
		}
		if want := fmt.Sprintf(`<span class="label">未闭环</span><span class="value">%d</span>`, x.Open); !strings.Contains(p, want) {
			t.Errorf("departments/%s: lacks %q", dp.Code, want)
		}
		if n := strings.Count(p, `<tr class="overdue">`) + len(regexp.MustCompile(`<tr><th scope="row" class="nw">`).FindAllString(p, -1)); n != min(x.Open, listCap) {
			t.Errorf("departments/%s: %d hazard rows, want %d", dp.Code, n, min(x.Open, listCap))
		}
		if !strings.Contains(string(files["liaisons/index.html"]), `<a href="../departments/`+dp.Code+`/index.html">`+dp.Label()+`</a>`) {
			t.Errorf("liaisons page does not link %s", dp.Code)
		}
	}
	if jwc := string(files["departments/JWC/index.html"]); !strings.Contains(jwc, "<th scope=\"row\">沈立新</th>") {
		t.Error("departments/JWC: its liaison is not listed")
	}
}

// TestScorecardWorkbook: enterprises/scorecard-2026-10.xlsx (report 2026-11) holds report.json's
// scorecard, one row per active enterprise, and names the files each
// figure comes from.
func TestScorecardWorkbook(t *testing.T) {
	d := loadSample(t)
	files := buildSample(t, false)
	r := loop.MonthlyReport(d, loop.ReceiptMap(d.Receipts), calendar.Month{Year: 2026, Month: 11}, sampleAsOf, "")
	f, err := excelize.OpenReader(bytes.NewReader(files["enterprises/scorecard-2026-10.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("记分卡", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(r.Scorecard.Enterprises) || strings.Join(rows[0][:4], ",") != "企业编号,企业,排查表,收到时间" {
		t.Fatalf("记分卡: %d rows, header %v", len(rows), rows[0])
	}
	e01 := r.Scorecard.Enterprises["E01"]
	want := []string{"E01", "上海淀湖液化气供应有限公司（示例）", "按时", *e01.HazardsReceivedAt, "0", "", "按时", fmt.Sprint(*e01.Rows), "0", "0", "0", "0", // due_date.late is not counted in data quality (validate.notQuality)
		fmt.Sprint(*e01.Hazards), fmt.Sprint(*e01.HazardHouseholds), fmt.Sprint(*e01.Inspected), fmt.Sprint(*e01.HazardRate), fmt.Sprint(*e01.RateVsDistrict),
		fmt.Sprint(*e01.Onsite), fmt.Sprint(*e01.OnsiteShare), fmt.Sprint(*e01.StopSupply), fmt.Sprint(*e01.Prohibited)}
	if strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("E01 row\n got %v\nwant %v", rows[1], want)
	}
	// review, item 2: E03 never submitted its 排查表 — 无数据, not 0, and the
	// days overdue run to as_of_R (2026-11-29 in this build).
	wantE03 := "E03|上海泖河液化气有限公司（示例）|逾期未报||4|未收到，计至 2026-11-29|逾期未报|无数据|无数据|无数据|无数据|无数据|无数据|无数据|无数据|无数据|无数据|无数据|无数据|无数据|无数据"
	if got := strings.Join(rows[3], "|"); got != wantE03 {
		t.Errorf("E03 row\n got %s\nwant %s", got, wantE03)
	}
	page := string(files["enterprises/scorecard-2026-10.html"])
	row := regexp.MustCompile(`<tr><th scope="row"><a href="../enterprises/E03/index.html">.*</tr>`).FindString(page)
	if strings.Count(row, `<td class="num" data-missing="">无数据</td>`) != 12 || strings.Contains(row, `data-value="0"`) ||
		!strings.Contains(row, `<td class="num" data-value="4">4（未收到，计至 2026-11-29）</td>`) {
		t.Errorf("E03 on the page: %s", row)
	}
	src, _ := f.GetRows("依据")
	if len(src) < 3 || strings.Join(src[1], "|") != "E01|排查表（报送、行数、警告、隐患、当场整改、停止供气、违规配送）|data/hazards/2026-10/E01.csv" ||
		strings.Join(src[2], "|") != "E01|入户安检量表（安检户数、隐患率）|data/inspections/2026-10/E01.csv" {
		t.Errorf("依据 begins %v", src[:min(3, len(src))])
	}
}
