package render

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// bigDataset is the sample's reference data with 1,500 hazards in each of
// the 12 months 2025-11 … 2026-10, spread over every village, type and
// enterprise, about 85 % of them closed by their towns.
func bigDataset(t *testing.T) *model.Dataset {
	ref := loadSample(t).Ref
	d := &model.Dataset{Ref: ref, Rects: map[string]*model.Rectification{}}
	statuses := []string{"已整改", "已整改", "已整改", "已整改", "已整改", "已整改", "已整改", "已整改", "用户已搬离", "核实无此隐患", "整改中", "未整改", "拒不整改", "", "已整改", "已停止使用液化气", "已整改", "已整改", "整改中", "已整改"}
	first := calendar.Month{Year: 2025, Month: time.November}
	for mi := 0; mi < 12; mi++ {
		m := first.Add(mi)
		for _, e := range ref.Enterprises[:3] {
			d.Files = append(d.Files, model.File{Path: "data/hazards/" + m.String() + "/" + e.ID + ".csv", Form: model.FormHazards, Month: m, Submitter: e.ID, Rows: 500})
		}
		for i := 0; i < 1500; i++ {
			v := ref.Villages[(i*7+mi)%len(ref.Villages)]
			ht := ref.HazardTypes[(i*3+mi)%len(ref.HazardTypes)]
			e := ref.Enterprises[i%3]
			day := calendar.NewDate(m.Year, m.Month, 1+i%28)
			h := &model.Hazard{ID: fmt.Sprintf("%s-%s-%04d", e.ID, m.Compact(), i+1), Enterprise: e.ID, Month: m, Town: v.TownCode, Village: v.Code,
				UserType: "居民", UserName: "王小明", Phone: "13912345678", Address: "某某路88号", InspectionDate: day, Inspector: "李四",
				Type: ht.Code, Severity: ht.Severity, OnsiteAction: "书面告知限期整改", NoticeNo: "N1", DueDate: day.AddDays(ht.DeadlineDays), Cylinders: 1}
			d.Hazards = append(d.Hazards, h)
			if st := statuses[(i+mi)%len(statuses)]; st != "" {
				r := &model.Rectification{HazardID: h.ID, Town: h.Town, Month: m, Status: st, Verifier: "村委会", Joint: st == "拒不整改"}
				if st == "已整改" {
					r.Method, r.RectifiedDate = "更换", day.AddDays(5)
				} else if st != "核实无此隐患" && st != "整改中" && st != "未整改" && st != "拒不整改" {
					r.RectifiedDate = day.AddDays(3)
				} else if st != "核实无此隐患" {
					r.Reason = "用户不在家"
				}
				d.Rects[h.ID] = r
			}
		}
	}
	sort.Slice(d.Hazards, func(i, j int) bool { return d.Hazards[i].ID < d.Hazards[j].ID })
	sort.Slice(d.Files, func(i, j int) bool { return d.Files[i].Path < d.Files[j].Path })
	return d
}

// TestPageWeight: with 1,500 hazards a month (12 months), every HTML page
// plus what it loads (style.css, lpg.js; charts are inline SVG) stays under
// 300 KB (issue 6). The workbooks, none of them loaded by a page, are
// not rendered (siteWithoutWorkbooks): they were a third of the test's CPU. The search page's index is loaded on demand, a month
// at a time, and is reported separately.
func TestPageWeight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 18,000 hazards")
	}
	d := bigDataset(t)
	asOf := time.Date(2026, 11, 20, 12, 0, 0, 0, calendar.Shanghai)
	files, err := siteWithoutWorkbooks(d, Options{AsOf: asOf, Commit: "0123456789abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	const limit = 300 * 1024
	assets := len(files["style.css"]) + len(files["lpg.js"])
	type page struct {
		path string
		n    int
	}
	var pages []page
	for p, b := range files {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, page{p, len(b) + assets})
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].n > pages[j].n })
	for _, p := range pages {
		if p.n > limit {
			t.Errorf("%s weighs %d KB with style.css and lpg.js (limit 300 KB)", p.path, p.n/1024)
		}
	}
	for _, p := range pages[:5] {
		t.Logf("%-36s %4d KB", p.path, p.n/1024)
	}
	t.Logf("%-36s %4d KB", "reports/2026-11/index.html", (len(files["reports/2026-11/index.html"])+assets)/1024)
	t.Logf("%-36s %4d KB (loaded by a search for an id of that month)", "search/hazards-2026-10.js", len(files["search/hazards-2026-10.js"])/1024)
	t.Logf("%-36s %4d KB", "search/index.js", len(files["search/index.js"])/1024)
}

// siteWithoutWorkbooks renders the site of d with opt as Site does but
// drops the files queued for runJobs (site.later: the .xlsx workbooks) —
// every page, CSV, search index and asset is rendered by the same steps
// and so byte for byte as in Site.
func siteWithoutWorkbooks(d *model.Dataset, opt Options) (map[string][]byte, error) {
	s, err := newLiveSite(d, opt)
	if err != nil {
		return nil, err
	}
	for _, st := range steps {
		if err := st.run(s); err != nil {
			return nil, err
		}
		s.jobs = nil
	}
	return s.files, nil
}
