package check

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/testrepo"
)

// bigHistory builds in dir a repository of 3,000 commits spanning five
// years (60 months of 排查表 from four enterprises, 150 rows each, and the
// towns' 汇总表 with their updates; one report edition tag per month), packed
// as a clone has it, and a branch feature adding one 5,000-row 排查表.
func bigHistory(tb testing.TB, dir string) {
	g := testrepo.NewGit(tb, dir)
	base := testrepo.ReadDir(tb, "testdata/base")
	files := testrepo.Files{}
	for p, c := range base {
		if strings.HasPrefix(p, "data/reference/") {
			files[p] = c
		}
	}
	type place struct{ town, village string }
	var places []place
	towns := map[string]string{}
	for _, l := range strings.Split(files["data/reference/towns.csv"], "\n")[1:] {
		if f := strings.Split(l, ","); len(f) >= 2 {
			towns[f[0]] = f[1]
		}
	}
	for _, l := range strings.Split(files["data/reference/villages.csv"], "\n")[1:] {
		if f := strings.Split(l, ","); len(f) >= 3 {
			places = append(places, place{towns[f[2]], f[1]})
		}
	}
	ents := []string{"E01", "E02", "E03", "E04"}
	hazard := func(b *strings.Builder, ent string, m calendar.Month, seq int) string {
		p := places[(seq*7+len(ent))%len(places)]
		id := fmt.Sprintf("%s-%s-%04d", ent, m.Compact(), seq)
		day := m.First().AddDays(seq % calendar.DaysIn(m))
		fmt.Fprintf(b, "%s,%s,%s,居民,用户%d,138%08d,%s某路%d弄%d号,%s,检查员,钢瓶存放地点通风不良,,一般,书面告知限期整改,%sGZ%s%04d,,\n",
			id, p.town, p.village, seq, seq, p.town, seq%900, seq%40+1, day, ent, m.Compact(), seq)
		return p.town
	}
	when := time.Date(2021, 8, 1, 9, 0, 0, 0, calendar.Shanghai)
	var head = g.Commit("qp-gas-centre", when, "参考数据", files)
	commits := 1
	commit := func(who, msg string) {
		when = when.Add(14 * time.Hour)
		head = g.Commit(who, when, msg, files, head)
		commits++
	}
	first, _ := calendar.ParseMonth("2021-08")
	const months, perFile, total = 60, 150, 3000
	for i := 0; i < months; i++ {
		m := first.Add(i)
		rects := map[string]*strings.Builder{}
		for _, e := range ents {
			var b strings.Builder
			b.WriteString(hazardHeader)
			for s := 1; s <= perFile; s++ {
				var discard strings.Builder
				town := hazard(&discard, e, m, s)
				b.WriteString(discard.String())
				code := ""
				for c, n := range towns {
					if n == town {
						code = c
					}
				}
				if rects[code] == nil {
					rects[code] = &strings.Builder{}
					rects[code].WriteString("隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\n")
				}
				fmt.Fprintf(rects[code], "%s-%s-%04d,,整改中,,,核查员,用户外出,否,\n", e, m.Compact(), s)
			}
			files[fmt.Sprintf("data/hazards/%s/%s.csv", m, e)] = b.String()
			commit("ent", "排查表 "+m.String()+" "+e)
		}
		var codes []string
		for c, b := range rects {
			files[fmt.Sprintf("data/rectifications/%s/%s.csv", m, c)] = b.String()
			codes = append(codes, c)
			commit("town", "汇总表 "+m.String()+" "+c)
		}
		// Updates of the month's 汇总表 fill the history to 3,000 commits.
		for u := 0; commits < (total-1)*(i+1)/months; u++ {
			p := fmt.Sprintf("data/rectifications/%s/%s.csv", m, codes[u%len(codes)])
			files[p] = strings.Replace(files[p], ",整改中,,,核查员,用户外出,", ",已整改,更换,"+m.Last().String()+",核查员,,", 1)
			commit("town", "更新汇总表 "+p)
		}
		g.Tag("report/"+m.Add(1).String()+"/v1", head, "qp-gas-centre", when, m.Add(1).String()+" 月报")
	}
	for commits < total-1 {
		files["data/meetings/notes.md"] = fmt.Sprintf("---\ntitle: 纪要\ndate: 2026-08-01\n---\n%d\n", commits)
		commit("qp-gas-centre", "纪要")
	}
	g.Ref("refs/heads/main", head)
	g.Ref("refs/remotes/origin/main", head)
	var b strings.Builder
	b.WriteString(hazardHeader)
	pr := first.Add(months)
	for s := 1; s <= 5000; s++ {
		hazard(&b, "E01", pr, s)
	}
	files[fmt.Sprintf("data/hazards/%s/E01.csv", pr)] = b.String()
	when = when.Add(time.Hour)
	g.Ref("refs/heads/feature", g.Commit("ent-e01", when, "排查表 "+pr.String()+" E01", files, head))
	g.Head("feature")
	if commits+1 != total {
		tb.Fatalf("built %d commits", commits+1)
	}
	g.Repack()
}

// BenchmarkCheckLargePR checks a pull request adding one 5,000-row 排查表 to
// a repository with 3,000 commits and five years of data (issue 4; the goal
// is under 1 s). Set LPG_BENCH_REPO=DIR to keep the repository for timing
// the binary.
func BenchmarkCheckLargePR(b *testing.B) {
	dir := os.Getenv("LPG_BENCH_REPO")
	if dir == "" {
		dir = b.TempDir()
	}
	start := time.Now()
	bigHistory(b, dir)
	b.Logf("built the repository in %v", time.Since(start).Round(time.Millisecond))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Run(context.Background(), Options{Dir: dir, Base: "origin/main", Actor: "ent-e01"})
		if err != nil {
			b.Fatal(err)
		}
		if !r.Passed || r.Validated.Rows < 5000 || r.Files[0].Added != 5000 {
			b.Fatalf("passed %v rows %d errors %v", r.Passed, r.Validated.Rows, r.Errors[:min(3, len(r.Errors))])
		}
	}
}
