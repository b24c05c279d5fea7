package chart

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var towns = []string{"夏阳街道", "盈浦街道", "香花桥街道", "朱家角镇", "练塘镇", "金泽镇", "赵巷镇", "徐泾镇", "华新镇", "重固镇", "白鹤镇"}

func charts() map[string]interface{ svgString() string } {
	return map[string]interface{ svgString() string }{
		"bar-severity": Bar{Title: "新发现隐患（按等级）", Desc: "2026-10 新发现隐患 42 处：重大 3，严重 12，一般 27。",
			XLabel: "隐患等级", YLabel: "隐患数（处）", Labels: []string{"重大", "严重", "一般"},
			Series: []Series{{Name: "隐患数", Values: []float64{3, 12, 27}}}, Highlight: 0},
		"hbar-closure": Bar{Title: "各街镇闭环率", Desc: "2026-09 批次各街镇闭环率与全区平均。", YLabel: "闭环率",
			Labels: towns, Horizontal: true, Percent: true, Max: 1, Ref: &Ref{Label: "全区", Value: 0.6667},
			Series: []Series{{Name: "闭环率", Values: []float64{0.5, 1, 0.75, 0.3333, 0, 0.9, 0.6, 0.45, 0.8, 1, 0.25}}}, Highlight: -1},
		"hbar-grouped": Bar{Title: "各街镇未闭环与逾期", Desc: "截至统计时点。", YLabel: "隐患数（处）", Labels: towns[:4], Horizontal: true,
			Series: []Series{{Name: "未闭环", Values: []float64{10, 4, 0, 7}}, {Name: "逾期", Values: []float64{3, 0, 0, 5}}}, Highlight: -1},
		"bar-grouped": Bar{Title: "报送情况", Desc: "按时、逾期报送和逾期未报的材料数。", XLabel: "月报", YLabel: "份数",
			Labels: []string{"2026-09", "2026-10", "2026-11"},
			Series: []Series{{Name: "按时", Values: []float64{5, 6, 4}}, {Name: "逾期", Values: []float64{1, 0, 2}}}, Highlight: -1},
		"bar-empty": Bar{Title: "无数据", Desc: "没有隐患。", Labels: nil, Series: []Series{{Name: "隐患数"}}, Highlight: -1},
		"line-trend": Line{Title: "近 12 个月趋势", Desc: "新发现、闭环和逾期隐患数。", XLabel: "月报", YLabel: "隐患数（处）",
			Labels: []string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"},
			Series: []Series{{Name: "新发现", Values: []float64{120, 130, 90, 140, 150, 160, 155, 170, 165, 150, 140, 1500}},
				{Name: "闭环", Values: []float64{100, 110, 95, 120, 130, 150, 150, 160, 160, 150, 145, 1400}},
				{Name: "逾期", Values: []float64{10, 12, 8, 9, 11, 12, 14, 15, 13, 12, 11, 9}}}},
		"line-gap": Line{Title: "未到期的月份", Desc: "2026-09 和 2026-12 的新发现隐患尚未到期，不画点。", XLabel: "月报", YLabel: "隐患数（处）",
			Labels: []string{"2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"},
			Series: []Series{{Name: "新发现", Values: []float64{314, 531, math.NaN(), 497, 216, math.NaN()}},
				{Name: "用户逾期", Values: []float64{196, 339, 462, 657, 808, 810}}}},
		"line-one": Line{Title: "单月", Desc: "只有一个月。", Labels: []string{"2026-06"}, Series: []Series{{Name: "新发现", Values: []float64{0}}}},
	}
}

func (b Bar) svgString() string  { return string(b.SVG()) }
func (c Line) svgString() string { return string(c.SVG()) }

// TestGolden compares every chart with testdata/<name>.svg (go test
// ./internal/chart -update rewrites them after a deliberate change).
func TestGolden(t *testing.T) {
	for name, c := range charts() {
		got := c.svgString()
		golden := filepath.Join("testdata", name+".svg")
		if *update {
			if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got+"\n" != string(want) {
			t.Errorf("%s differs from %s (go test -update after a deliberate change)", name, golden)
		}
	}
}

// TestWellFormedAndAccessible: every chart is well-formed XML with
// role="img", an aria-label, a <title> first and a <desc>.
func TestWellFormedAndAccessible(t *testing.T) {
	for name, c := range charts() {
		s := c.svgString()
		dec := xml.NewDecoder(strings.NewReader(s))
		var first []string
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: not well-formed: %v", name, err)
				break
			}
			if se, ok := tok.(xml.StartElement); ok && len(first) < 3 {
				first = append(first, se.Name.Local)
			}
		}
		if strings.Join(first, " ") != "div svg title" {
			t.Errorf("%s: starts with %v, want div svg title (then desc)", name, first)
		}
		for _, want := range []string{`role="img"`, `aria-label="`, `<desc>`, `<div class="chart-box" tabindex="0" role="region" aria-label="图：`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: no %s", name, want)
			}
		}
	}
}

// TestEscapes: text is escaped.
func TestEscapes(t *testing.T) {
	s := string(Bar{Title: `<script>"x"</script>`, Labels: []string{"a&b"}, Series: []Series{{Values: []float64{1}}}, Highlight: -1}.SVG())
	if strings.Contains(s, "<script>") || strings.Contains(s, "a&b") {
		t.Errorf("not escaped: %s", s)
	}
}

func TestNiceMax(t *testing.T) {
	for _, c := range []struct{ v, top, step float64 }{
		{0, 1, 1}, {3, 3, 1}, {27, 30, 10}, {42, 60, 20}, {1500, 1500, 500}, {1, 1, 1}, {0.75, 1, 1}, {9, 10, 5},
	} {
		top, step := niceMax(c.v, 4)
		if top != c.top || step != c.step {
			t.Errorf("niceMax(%v) = %v, %v; want %v, %v", c.v, top, step, c.top, c.step)
		}
	}
}

// TestValueLabels: every bar carries its value as text (readable in print).
func TestValueLabels(t *testing.T) {
	s := string(Bar{Title: "t", Labels: []string{"重大", "严重"}, Series: []Series{{Values: []float64{3, 12}}}, Highlight: -1}.SVG())
	for _, want := range []string{">3</text>", ">12</text>", ">重大</text>"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s", want)
		}
	}
	p := string(Bar{Title: "t", Labels: []string{"x"}, Series: []Series{{Values: []float64{0.6667}}}, Percent: true, Max: 1, Highlight: -1}.SVG())
	if !strings.Contains(p, ">66.7%</text>") {
		t.Errorf("percent label missing: %s", p)
	}
}

// drawn returns the canvas of a chart (the SVG and where its texts went).
func drawn(c interface{ svgString() string }) *canvas {
	switch v := c.(type) {
	case Bar:
		return v.draw()
	case Line:
		return v.draw()
	}
	panic("not a chart")
}

// variants are charts of every shape the site draws, at sizes from one
// category to five years of months, counts up to 5 digits and percentages.
func variants() map[string]interface{ svgString() string } {
	out := charts()
	months := func(n int) []string {
		var l []string
		for i := 0; i < n; i++ {
			l = append(l, fmt.Sprintf("%04d-%02d", 2022+(i+6)/12, (i+6)%12+1))
		}
		return l
	}
	vals := func(n int, scale float64, seed int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64((i*7919+seed*104729)%97) / 96 * scale
			v[i] = float64(int(v[i]))
		}
		return v
	}
	for _, n := range []int{1, 2, 3, 6, 11, 12, 13, 24, 36, 60} {
		for _, scale := range []float64{0, 9, 1500, 25000} {
			l := months(n)
			out[fmt.Sprintf("bar-%d-%g", n, scale)] = Bar{Title: "各月", Labels: l, XLabel: "安检月份", YLabel: "隐患数（处）",
				Series: []Series{{Name: "隐患数", Values: vals(n, scale, 1)}}, Highlight: -1}
			out[fmt.Sprintf("bar2-%d-%g", n, scale)] = Bar{Title: "各月", Labels: l, XLabel: "月报", YLabel: "份数",
				Series: []Series{{Name: "按时", Values: vals(n, scale, 2)}, {Name: "逾期", Values: vals(n, scale, 3)}}, Highlight: -1}
			out[fmt.Sprintf("line-%d-%g", n, scale)] = Line{Title: "趋势", XLabel: "月报期次", YLabel: "隐患数（处）", Labels: l,
				Series: []Series{{Name: "新发现", Values: vals(n, scale, 4)}, {Name: "批次已闭环", Values: vals(n, scale, 5)}, {Name: "逾期", Values: vals(n, scale/10, 6)}}}
			out[fmt.Sprintf("line-same-%d-%g", n, scale)] = Line{Title: "趋势", Labels: l,
				Series: []Series{{Name: "新发现", Values: vals(n, scale, 7)}, {Name: "批次已闭环", Values: vals(n, scale, 7)}, {Name: "逾期", Values: vals(n, scale, 7)}}}
		}
	}
	names := []string{"燃气软管老化、龟裂或超过使用年限", "未安装燃气泄漏报警器", "钢瓶倒置", "灶具无熄火保护装置", "液化气钢瓶与灶具距离不足", "其他"}
	for i := 1; i <= len(towns); i++ {
		out[fmt.Sprintf("hbar-town-%d", i)] = Bar{Title: "按街镇", YLabel: "隐患数（处）", Labels: towns[:i], Horizontal: true,
			Series: []Series{{Name: "隐患数", Values: vals(i, 25000, 8)}}, Highlight: -1}
		out[fmt.Sprintf("hbar-rate-%d", i)] = Bar{Title: "闭环率", YLabel: "闭环率", Labels: towns[:i], Horizontal: true, Percent: true, Max: 1,
			Ref: &Ref{Label: "全区", Value: 0.5}, Series: []Series{{Name: "闭环率", Values: []float64{0, 1, 0.999, 0.5, 0.01, 1, 1, 0, 0.3, 1, 1}[:i]}}, Highlight: -1}
		out[fmt.Sprintf("hbar-villages-%d", i)] = Bar{Title: "各村居", XLabel: "村居", YLabel: "隐患数（处）", Labels: towns[:i], Horizontal: true,
			Series: []Series{{Name: "未闭环", Values: vals(i, 300, 9)}, {Name: "逾期", Values: vals(i, 300, 10)}}, Highlight: -1}
	}
	out["hbar-types"] = Bar{Title: "最常见的隐患类别", YLabel: "隐患数（处）", Labels: names, Horizontal: true,
		Series: []Series{{Name: "隐患数", Values: vals(len(names), 1500, 11)}}, Highlight: -1}
	return out
}

// TestTextNeverOverlaps: no two texts of a chart overlap (estimated
// extents, glyphs 0.88 em above and 0.12 em below the baseline), every
// text lies inside the chart, and none is smaller than 14 units (12 CSS px
// at the narrowest width a chart is drawn at). The browser suite checks the
// same on the real pages with measured extents.
func TestTextNeverOverlaps(t *testing.T) {
	if got := float64(fontSize) * MinWidth / width; got < 12 {
		t.Fatalf("text at the narrowest width is %.2f px", got)
	}
	size := regexp.MustCompile(`font-size="([0-9.]+)"`)
	height := regexp.MustCompile(`viewBox="0 0 640 ([0-9.]+)"`)
	for name, ch := range variants() {
		c := drawn(ch)
		svg := c.sb.String()
		for _, m := range size.FindAllStringSubmatch(svg, -1) {
			if f, _ := strconv.ParseFloat(m[1], 64); f < fontSize {
				t.Errorf("%s: font-size %s", name, m[1])
			}
		}
		hm := height.FindStringSubmatch(svg)
		if hm == nil {
			t.Fatalf("%s: no viewBox", name)
		}
		h, _ := strconv.ParseFloat(hm[1], 64)
		for i, a := range c.texts {
			if a.x0 < 0 || a.x1 > width || a.y0 < 0 || a.y1 > h {
				t.Errorf("%s: %q at [%.1f,%.1f]-[%.1f,%.1f] leaves the chart 640×%g", name, a.s, a.x0, a.y0, a.x1, a.y1, h)
			}
			for _, b := range c.texts[i+1:] {
				if a.overlaps(b) {
					t.Errorf("%s: %q [%.1f,%.1f]-[%.1f,%.1f] overlaps %q [%.1f,%.1f]-[%.1f,%.1f]", name, a.s, a.x0, a.y0, a.x1, a.y1, b.s, b.x0, b.y0, b.x1, b.y1)
				}
			}
		}
	}
}

// TestMonthLabels: month categories read 「M月」 with the year under the
// first one and under every January; when they do not fit side by side,
// every k-th is drawn and the year goes with the first drawn of a year.
func TestMonthLabels(t *testing.T) {
	got := categoryLines([]string{"2025-11", "2025-12", "2026-01", "2026-02"}, 60)
	want := [][]string{{"11月", "2025"}, {"12月"}, {"1月", "2026"}, {"2月"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("month lines %v, want %v", got, want)
	}
	got = categoryLines([]string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04"}, 20)
	want = [][]string{{"12月", "2025"}, nil, {"2月", "2026"}, nil, {"4月"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("thinned month lines %v, want %v", got, want)
	}
	if got := categoryLines([]string{"重大", "严重"}, 100); fmt.Sprint(got) != "[[重大] [严重]]" {
		t.Errorf("plain lines %v", got)
	}
}

// TestLineGaps: a NaN value (a month not yet due) has no point, no label and
// breaks the line; "NaN" never reaches the page.
func TestLineGaps(t *testing.T) {
	svg := charts()["line-gap"].svgString()
	if strings.Contains(svg, "NaN") {
		t.Fatal("NaN written into the chart")
	}
	// 新发现: 2026-07–08 and 2026-10–11 are two lines; 用户逾期 is one.
	if n := strings.Count(svg, "<polyline"); n != 3 {
		t.Errorf("%d polylines, want 3", n)
	}
	for _, want := range []string{"2026-08 新发现：531", "2026-10 新发现：497", "2026-12 用户逾期：810"} {
		if !strings.Contains(svg, want) {
			t.Errorf("point %q missing", want)
		}
	}
	for _, no := range []string{"2026-09 新发现", "2026-12 新发现"} {
		if strings.Contains(svg, no) {
			t.Errorf("point %q drawn for a month without a figure", no)
		}
	}
}
