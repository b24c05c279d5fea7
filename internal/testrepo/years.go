package testrepo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
)

// YearsVersion names the shape of the repositories Years generates; it is
// part of the cache directory of Cached, so a change to the generator must
// bump it.
const YearsVersion = "v2"

// Shape of a generated repository: every month the four enterprises submit
// one 排查表 each (HazardsPerMonth rows in all) and, two months later, the
// eleven towns one 汇总表 each: 15 files a month, one commit per submission.
const (
	HazardsPerMonth = 1500
	RectifiedShare  = 0.77 // share of a month's hazards a town reports on in its 汇总表
)

// YearsInfo describes a repository made by Years.
type YearsInfo struct {
	Dir      string
	First    calendar.Month // first report month
	Last     calendar.Month // last month with a 排查表
	AsOf     string         // a build time just after the last submission (RFC 3339, +08:00)
	Files    int            // CSV files below data/
	Rows     int            // data rows of those files
	Commits  int
	Editions int // edition tags report/YYYY-MM/vN
}

// Years writes into dir a data repository of years × 12 report months
// ending with 2026-10, with the sample's reference data (read from src, a
// directory holding data/reference/) and a git history of one commit per
// submission, authored when the file was received: each 排查表 of month M
// between the 3rd and the 25th of M+1, each 汇总表 of M in M+2. One
// submission in ten came by e-mail and has a row in data/receipts.csv.
// Every report month R (R covers the hazards of R-1) up to 2026-11 has an
// edition: the annotated tag report/R/v1 on the last commit before 10:00
// of the 1st of R+1, published then; every sixth but the last also a
// report/R/v2 one month later (1 year: 13 tags, 5 years: 69).
// The data is generated from a fixed seed, so the same call always gives
// the same files, and it validates without errors.
func Years(tb testing.TB, src, dir string, years int) YearsInfo {
	refs := map[string]string{}
	for _, n := range []string{"towns", "villages", "hazard_types", "accounts"} {
		b, err := os.ReadFile(filepath.Join(src, "data", "reference", n+".csv"))
		if err != nil {
			tb.Fatal(err)
		}
		refs[n] = string(b)
	}
	ents := []string{"E01", "E02", "E03", "E04"}
	last, _ := calendar.ParseMonth("2026-10")
	first := last.Add(1 - 12*years)
	var enterprises strings.Builder
	enterprises.WriteString("id,name,credit_code,active_from,active_to\n")
	for i, e := range ents {
		fmt.Fprintf(&enterprises, "%s,上海第%d液化气有限公司（生成）,91310118MA1%06dX,%s,\n", e, i+1, 901703+i, first)
	}

	type town struct{ code, name string }
	var towns []town
	villages := map[string][]string{} // town code → village names
	for _, r := range parseCSV(tb, refs["towns"]) {
		towns = append(towns, town{r[0], r[1]})
	}
	for _, r := range parseCSV(tb, refs["villages"]) {
		villages[r[2]] = append(villages[r[2]], r[1])
	}
	type htype struct{ name, severity string }
	var types []htype
	for _, r := range parseCSV(tb, refs["hazard_types"]) {
		types = append(types, htype{r[1], r[5]})
	}

	g := NewGit(tb, dir)
	files := Files{}
	for n, c := range refs {
		files["data/reference/"+n+".csv"] = c
	}
	files["data/reference/enterprises.csv"] = enterprises.String()
	receipts := "path,received_at,channel,note\n"
	files["data/receipts.csv"] = receipts

	info := YearsInfo{Dir: dir, First: first, Last: last}
	when := first.First().EndOfDay().Add(-15 * time.Hour)
	head := g.Commit("qp-gas-centre", when, "参考数据\n", files)
	info.Commits = 1

	type submission struct {
		when time.Time
		path string
		who  string
		body string
	}
	var subs []submission
	rng := rand.New(rand.NewPCG(14, uint64(years)))
	userTypes := []string{"居民", "居民", "居民", "餐饮", "单位食堂", "其他非居民"}
	actions := []string{"书面告知限期整改", "书面告知限期整改", "当场整改", "停止供气", "报告街镇"}
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	given := []string{"伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰"}
	roads := []string{"胜利路", "公园路", "城中北路", "青安路", "华青路", "崧泽大道", "漕盈路"}

	for i := 0; i < 12*years; i++ {
		m := first.Add(i)
		type hz struct {
			id, village string
			date        calendar.Date
		}
		byTown := map[string][]hz{}
		per := HazardsPerMonth / len(ents)
		for ei, e := range ents {
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			_ = w.Write([]string{"隐患编号", "街镇", "村居", "用户类型", "用户名称", "联系电话", "用气地址", "安检日期", "安检人员", "隐患类别", "隐患描述", "隐患等级", "现场处置", "告知单编号", "整改期限", "备注"})
			for s := 1; s <= per; s++ {
				t := towns[rng.IntN(len(towns))]
				vs := villages[t.code]
				v := vs[rng.IntN(len(vs))]
				id := fmt.Sprintf("%s-%s-%04d", e, m.Compact(), s)
				day := m.First().AddDays(rng.IntN(calendar.DaysIn(m)))
				ut := userTypes[rng.IntN(len(userTypes))]
				name := string(surnames[rng.IntN(len(surnames))]) + given[rng.IntN(len(given))]
				if ut != "居民" {
					name += []string{"面馆", "小吃店", "食堂", "商行"}[rng.IntN(4)]
				}
				phone := ""
				switch rng.IntN(4) {
				case 0, 1:
					phone = fmt.Sprintf("1%d%09d", 3+rng.IntN(7), rng.IntN(1e9))
				case 2:
					phone = fmt.Sprintf("021-5%07d", rng.IntN(1e7))
				}
				ty := types[rng.IntN(len(types))]
				desc := ""
				if strings.HasPrefix(ty.name, "其他") || rng.IntN(5) == 0 {
					desc = "现场发现：" + ty.name
				}
				sev := ""
				if rng.IntN(3) == 0 {
					sev = ty.severity
				}
				act := actions[rng.IntN(len(actions))]
				notice, due := "", ""
				if act == "书面告知限期整改" {
					notice = fmt.Sprintf("%sGZ%s%04d", e, m.Compact(), s)
					if rng.IntN(4) == 0 {
						due = day.AddDays(15).String()
					}
				}
				date := day.String()
				if rng.IntN(50) == 0 { // a few dates as Excel writes them in a Chinese locale
					date = fmt.Sprintf("%d/%d/%d", day.Year, day.Month, day.Day)
				}
				remarks := ""
				if rng.IntN(10) == 0 {
					remarks = "用户称近期改用管道燃气"
				}
				_ = w.Write([]string{id, t.name, v, ut, name, phone,
					fmt.Sprintf("%s%s%d弄%d号", t.name, roads[rng.IntN(len(roads))], 1+rng.IntN(900), 1+rng.IntN(60)),
					date, "安检员" + given[(ei+s)%len(given)], ty.name, desc, sev, act, notice, due, remarks})
				info.Rows++
				if rng.Float64() < RectifiedShare {
					byTown[t.code] = append(byTown[t.code], hz{id, v, day})
				}
			}
			w.Flush()
			recv := m.Add(1).First().AddDays(2 + rng.IntN(22)).EndOfDay().Add(-time.Duration(6+rng.IntN(10)) * time.Hour)
			subs = append(subs, submission{recv, fmt.Sprintf("data/hazards/%s/%s.csv", m, e), "ent-" + strings.ToLower(e), buf.String()})
		}
		for _, t := range towns {
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			_ = w.Write([]string{"隐患编号", "村居", "整改状态", "整改方式", "整改完成日期", "核查人", "未整改原因", "移交联合整治", "备注"})
			for _, h := range byTown[t.code] {
				row := []string{h.id, h.village, "", "", "", "村委会 " + given[rng.IntN(len(given))], "", "否", ""}
				done := h.date.AddDays(1 + rng.IntN(20)).String()
				switch k := rng.IntN(20); {
				case k < 13:
					row[2], row[3], row[4] = "已整改", []string{"更换", "修复", "拆除", "停用", "其他"}[rng.IntN(5)], done
				case k < 15:
					row[2], row[4] = "已停止使用液化气", done
				case k < 16:
					row[2], row[4] = "已改用管道燃气或电", done
				case k < 18:
					row[2], row[6] = "整改中", "等待更换配件"
				case k < 19:
					row[2], row[6], row[7] = "拒不整改", "用户拒绝", "是"
				default:
					row[2] = "核实无此隐患"
				}
				if rng.IntN(3) == 0 {
					row[1] = "" // the village may be left empty
				}
				_ = w.Write(row)
				info.Rows++
			}
			w.Flush()
			recv := m.Add(2).First().AddDays(5 + rng.IntN(20)).EndOfDay().Add(-8 * time.Hour)
			subs = append(subs, submission{recv, fmt.Sprintf("data/rectifications/%s/%s.csv", m, t.code), "town-" + t.code, buf.String()})
		}
	}
	sort.SliceStable(subs, func(i, j int) bool { return subs[i].when.Before(subs[j].when) })
	type edition struct {
		month calendar.Month
		n     int
		at    time.Time // published; the tag is on the last commit before
	}
	var eds []edition
	for i := 1; i <= 12*years; i++ { // report month R covers the hazards of R-1
		r := first.Add(i)
		eds = append(eds, edition{r, 1, r.Add(1).First().EndOfDay().Add(-14 * time.Hour)})
		if i%6 == 0 && i < 12*years-1 {
			eds = append(eds, edition{r, 2, r.Add(2).First().EndOfDay().Add(-14 * time.Hour)})
		}
	}
	sort.SliceStable(eds, func(i, j int) bool { return eds[i].at.Before(eds[j].at) })
	tag := func(before time.Time) { // the editions published before the next commit, on head
		for len(eds) > 0 && eds[0].at.Before(before) {
			e := eds[0]
			eds = eds[1:]
			g.Tag(fmt.Sprintf("report/%s/v%d", e.month, e.n), head, "qp-gas-centre", e.at, fmt.Sprintf("隐患处置月报 %s 第%d版\n", e.month, e.n))
			info.Editions++
		}
	}
	for i, s := range subs {
		tag(s.when)
		files[s.path] = s.body
		if i%10 == 0 {
			receipts += s.path + "," + calendar.FormatTime(s.when) + ",email,代报\n"
			files["data/receipts.csv"] = receipts
		}
		head = g.Commit(s.who, s.when, "提交 "+s.path+"\n", files, head)
		info.Commits++
	}
	info.AsOf = calendar.FormatTime(subs[len(subs)-1].when.Add(time.Hour))
	tag(subs[len(subs)-1].when.Add(time.Hour))
	g.Ref("refs/heads/main", head)
	g.Head("main")
	files.Write(tb, dir)
	for p := range files {
		if strings.HasSuffix(p, ".csv") {
			info.Files++
		}
	}
	return info
}

// Cached returns a repository of Years(tb, src, …, years), generating it
// once into a directory below os.TempDir() (lpg-testrepo/<version>-<years>y)
// that later runs reuse; remove that directory to regenerate. Meant for
// benchmarks: the five-year repository takes a while to write.
func Cached(tb testing.TB, src string, years int) YearsInfo {
	root := filepath.Join(os.TempDir(), "lpg-testrepo")
	dir := filepath.Join(root, fmt.Sprintf("%s-%dy", YearsVersion, years))
	stamp := filepath.Join(dir, ".lpg-testrepo")
	if b, err := os.ReadFile(stamp); err == nil {
		var info YearsInfo
		var first, last string
		if _, err := fmt.Sscan(string(b), &first, &last, &info.AsOf, &info.Files, &info.Rows, &info.Commits, &info.Editions); err == nil {
			info.Dir = dir
			info.First, _ = calendar.ParseMonth(first)
			info.Last, _ = calendar.ParseMonth(last)
			return info
		}
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		tb.Fatal(err)
	}
	tmp, err := os.MkdirTemp(root, "gen-")
	if err != nil {
		tb.Fatal(err)
	}
	info := Years(tb, src, tmp, years)
	s := fmt.Sprintf("%s %s %s %d %d %d %d\n", info.First, info.Last, info.AsOf, info.Files, info.Rows, info.Commits, info.Editions)
	if err := os.WriteFile(filepath.Join(tmp, ".lpg-testrepo"), []byte(s), 0o644); err != nil {
		tb.Fatal(err)
	}
	_ = os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		tb.Fatal(err)
	}
	info.Dir = dir
	return info
}

func parseCSV(tb testing.TB, s string) [][]string {
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return recs[1:]
}
