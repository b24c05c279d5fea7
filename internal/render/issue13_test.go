package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

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
		"上海泖河液化气有限公司（示例）、上海练塘能源服务有限公司（示例）的 2026-10 入户安检量表未报（应报 4 份）",
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
