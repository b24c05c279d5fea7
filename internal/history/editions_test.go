package history

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/testrepo"
)

// TestEditionNumbers (review round 4 H6): the N of report/YYYY-MM/vN has
// one to four digits and no leading zero; any other tag under report/ is
// left out with a warning that says so — v99999999999999999999 was read
// as edition 9223372036854775807 and the next publish overflowed.
func TestEditionNumbers(t *testing.T) {
	dir := t.TempDir()
	g := testrepo.NewGit(t, dir)
	c := g.Commit("centre", time.Date(2026, 12, 1, 10, 0, 0, 0, sh), "c", testrepo.Files{"data/a.csv": "a\n"})
	g.Ref("refs/heads/master", c)
	g.Head("master")
	for _, name := range []string{"report/2026-11/v1", "report/2026-11/v9999", "report/2026-11/v10000",
		"report/2026-11/v99999999999999999999", "report/2026-11/v0", "report/2026-11/v01", "report/2026-10/v12"} {
		g.Tag(name, c, "centre", time.Date(2026, 12, 2, 9, 0, 0, 0, sh), "隐患处置月报")
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	eds, skipped, err := r.Editions()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range eds {
		got = append(got, e.Tag+" "+e.Name())
	}
	if want := []string{"report/2026-10/v12 v12", "report/2026-11/v1 v1", "report/2026-11/v9999 v9999"}; !reflect.DeepEqual(got, want) {
		t.Errorf("editions %q, want %q", got, want)
	}
	bad := func(name string) string {
		return "标签 " + name + " 的名称不是 report/YYYY-MM/vN（N 为 1 到 9999 的整数，不以 0 开头），已忽略；请删除该标签（git tag -d " + name + "），正式版本用 lpg publish 发布"
	}
	if want := []string{bad("report/2026-11/v0"), bad("report/2026-11/v01"), bad("report/2026-11/v10000"),
		bad("report/2026-11/v99999999999999999999")}; !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped\n%q\nwant\n%q", skipped, want)
	}
}

// TestNextEdition: one more than the month's highest edition, never more
// than MaxEdition (review round 4 H6).
func TestNextEdition(t *testing.T) {
	nov, dec := calendar.Month{Year: 2026, Month: time.November}, calendar.Month{Year: 2026, Month: time.December}
	for _, c := range []struct {
		name string
		eds  []Edition
		want int
		err  string
	}{
		{name: "none", want: 1},
		{name: "other months only", eds: []Edition{{Month: dec, N: 7}}, want: 1},
		{name: "a gap", eds: []Edition{{Month: nov, N: 1}, {Month: nov, N: 3}, {Month: dec, N: 9}}, want: 4},
		{name: "just below the limit", eds: []Edition{{Month: nov, N: 9998}}, want: 9999},
		{name: "at the limit", eds: []Edition{{Month: nov, N: 9999}},
			err: "报告月 2026-11 已有第 9999 版，版本号最大为 v9999，不能再发布新版本；请检查 report/2026-11/ 下的标签"},
		{name: "beyond (not from Editions)", eds: []Edition{{Month: nov, N: int(^uint(0) >> 1)}},
			err: "报告月 2026-11 已有第 9223372036854775807 版，版本号最大为 v9999，不能再发布新版本；请检查 report/2026-11/ 下的标签"},
	} {
		n, err := NextEdition(c.eds, nov)
		if c.err != "" {
			if err == nil || err.Error() != c.err || n != 0 {
				t.Errorf("%s: NextEdition = %d, %v; want error %q", c.name, n, err, c.err)
			}
			continue
		}
		if err != nil || n != c.want {
			t.Errorf("%s: NextEdition = %d, %v; want %d", c.name, n, err, c.want)
		}
	}
}
