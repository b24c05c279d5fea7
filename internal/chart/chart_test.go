package chart

import (
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
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
		if strings.Join(first, " ") != "svg title desc" {
			t.Errorf("%s: starts with %v, want svg title desc", name, first)
		}
		for _, want := range []string{`role="img"`, `aria-label="`} {
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
