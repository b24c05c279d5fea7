package chart

import (
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Series is one named row of values, one per label of the chart.
type Series struct {
	Name   string
	Values []float64
}

// Ref is a horizontal (or, on a horizontal bar chart, vertical) reference
// line with its label, e.g. the district average closure rate. Its label
// and value are drawn in the legend row, where they cannot cover a bar.
type Ref struct {
	Label string
	Value float64
}

// Bar is a bar chart. One series draws plain bars; several draw groups of
// bars with a legend. Horizontal bars suit long category names (towns).
type Bar struct {
	Title      string   // <title>, aria-label and the caption drawn on top
	Desc       string   // <desc>: one sentence saying what the chart shows and where its numbers are
	XLabel     string   // axis title of the categories
	YLabel     string   // axis title of the values
	Labels     []string // categories
	Series     []Series
	Horizontal bool
	Ref        *Ref    // optional reference line
	Max        float64 // fixed top of the value axis (0: from the data)
	Percent    bool    // values are ratios 0…1, labelled as percentages
	Highlight  int     // index of a category drawn in the accent colour (-1 or out of range: none)
}

// Line is a line chart over ordered labels (months). A NaN value is a point
// that has no figure yet (a month whose submissions are not yet due): it is
// not drawn, carries no label, and the line is broken there.
type Line struct {
	Title, Desc    string
	XLabel, YLabel string
	Labels         []string
	Series         []Series
}

// Palette of the series: dark enough for white text and for contrast with
// the white background (WCAG 3:1 for graphics), distinct in grey scale.
var palette = []string{"#0b5cad", "#c2410c", "#6b21a8", "#15803d"}

// Sizes are in SVG units; a chart is width units wide and drawn at most
// that many CSS px wide, at least MinWidth (the page scrolls the chart
// sideways below that), so its smallest text is fontSize × MinWidth / width
// ≥ 12 CSS px.
const (
	width     = 640
	fontSize  = 14 // every label, tick, value and axis title
	titleSize = 16
	// MinWidth is the narrowest CSS width a chart is drawn at (style.css
	// .chart-box svg.chart): 14 × 550 / 640 = 12.03 px text.
	MinWidth = 550
	lineH    = 18 // distance of two lines of text
	ink      = "#1f2328"
	muted    = "#59636e"
	grid     = "#d0d7de"
	accent   = "#b42318"
)

// textWidth estimates the drawn width of s at size: CJK characters are
// one em wide, ASCII at most 0.6 em (digits of the CJK fonts are about
// 0.55 em).
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w += 0.6
		} else {
			w++
		}
	}
	return w * size
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

// niceMax returns the top of a count axis holding v and its tick step:
// the step is 1, 2 or 5 × 10^n (at least 1) and the top a multiple of it.
func niceMax(v float64, ticks int) (top, step float64) {
	if v <= 0 {
		return 1, 1
	}
	raw := v / float64(ticks)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		step = m * mag
		if step*float64(ticks) >= v {
			break
		}
	}
	step = math.Max(step, 1) // counts: whole-number ticks

	top = math.Ceil(v/step) * step
	return top, step
}

// box is the estimated extent of one drawn text, for the no-overlap rule.
type box struct {
	x0, y0, x1, y1 float64
	s              string
}

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// canvas writes SVG and remembers where every text went.
type canvas struct {
	sb    strings.Builder
	texts []box
}

func (c *canvas) printf(format string, a ...any) { fmt.Fprintf(&c.sb, format, a...) }

// text draws s with its baseline at y; anchor is start, middle or end.
// Glyphs reach 0.88 em above the baseline and 0.12 em below.
func (c *canvas) text(x, y float64, anchor, fill string, size float64, s string, bold bool) {
	w := textWidth(s, size)
	x0 := x
	switch anchor {
	case "middle":
		x0 = x - w/2
	case "end":
		x0 = x - w
	}
	c.texts = append(c.texts, box{x0, y - 0.88*size, x0 + w, y + 0.12*size, s})
	attr := ""
	if size != fontSize { // the <svg> sets font-size and fill for all texts
		attr = ` font-size="` + num(size) + `"`
	}
	if anchor != "start" {
		attr += ` text-anchor="` + anchor + `"`
	}
	if bold {
		attr += ` font-weight="bold"`
	}
	if fill != ink && fill != "" { // "": the enclosing <g>'s
		attr += ` fill="` + fill + `"`
	}
	c.printf(`<text x="%s" y="%s"%s>%s</text>`, num(x), num(y), attr, esc(s))
}

// vtext draws s rotated a quarter turn anticlockwise (read bottom to
// top), its end at (x, y) when anchor is "start" and its middle there when
// "middle"; x is the baseline.
func (c *canvas) vtext(x, y float64, anchor, fill string, s string) {
	w := textWidth(s, fontSize)
	y1 := y
	if anchor == "middle" {
		y1 = y + w/2
	}
	c.texts = append(c.texts, box{x - 0.88*fontSize, y1 - w, x + 0.12*fontSize, y1, s})
	attr := ""
	if anchor != "start" {
		attr = ` text-anchor="` + anchor + `"`
	}
	if fill != ink {
		attr += ` fill="` + fill + `"`
	}
	c.printf(`<text transform="translate(%s %s) rotate(-90)"%s>%s</text>`, num(x), num(y), attr, esc(s))
}

// open writes the wrapper, the opening tag, title and desc and the drawn
// title; it returns the y below the title.
func (c *canvas) open(title, desc string, h float64) {
	// The wrapper is a keyboard-focusable scroll region: below MinWidth
	// CSS px the chart scrolls sideways instead of shrinking its text.
	c.printf(`<div class="chart-box" tabindex="0" role="region" aria-label="图：%s">`, esc(title))
	c.printf(`<svg class="chart" viewBox="0 0 %d %s" width="%d" height="%s" font-size="%d" fill="%s" role="img" aria-label="%s">`,
		width, num(h), width, num(h), fontSize, ink, esc(title))
	c.printf("<title>%s</title><desc>%s</desc>", esc(title), esc(desc))
	c.text(0, 18, "start", ink, titleSize, title, true)
}

// ticks draws the grid lines of the values 0, step, … vmax in one <g> and
// their labels in another (muted).
func (c *canvas) ticks(vmax, step float64, line func(t float64) [4]float64, label func(t float64) (x, y float64, anchor, s string)) {
	c.printf(`<g class="grid" stroke="%s">`, grid)
	for t := 0.0; t <= vmax+step/1000; t += step {
		l := line(t)
		c.printf(`<line x1="%s" x2="%s" y1="%s" y2="%s"/>`, num(l[0]), num(l[1]), num(l[2]), num(l[3]))
	}
	c.printf(`</g><g fill="%s">`, muted)
	for t := 0.0; t <= vmax+step/1000; t += step {
		x, y, anchor, s := label(t)
		c.text(x, y, anchor, "", fontSize, s, false)
	}
	c.printf(`</g>`)
}

func (c *canvas) close() template.HTML {
	c.sb.WriteString("</svg></div>")
	return template.HTML(c.sb.String())
}

// legendItem is one entry of the legend row: a colour swatch (or, for the
// reference line, a dashed stroke) and its name.
type legendItem struct {
	name, color string
	dashed      bool
}

// legendRows lays the items out from x0 in rows that fit the chart width;
// it returns the rows' positions and how many rows there are.
func legendRows(items []legendItem, x0 float64) ([][2]float64, int) {
	pos := make([][2]float64, len(items))
	x, row := x0, 0
	for i, it := range items {
		w := 16 + textWidth(it.name, fontSize)
		if x > x0 && x+w > width {
			x, row = x0, row+1
		}
		pos[i] = [2]float64{x, float64(row)}
		x += w + 20
	}
	if len(items) == 0 {
		return pos, 0
	}
	return pos, row + 1
}

// legend draws the items in rows whose first baseline is y.
func (c *canvas) legend(items []legendItem, pos [][2]float64, y float64) {
	for i, it := range items {
		x, by := pos[i][0], y+pos[i][1]*lineH
		if it.dashed {
			c.printf(`<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="4 3"/>`, num(x), num(x+12), num(by-5), num(by-5), it.color)
		} else {
			c.printf(`<rect x="%s" y="%s" width="12" height="12" fill="%s"/>`, num(x), num(by-11), it.color)
		}
		c.text(x+16, by, "start", ink, fontSize, it.name, false)
	}
}

func maxOf(series []Series) float64 {
	m := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				m = math.Max(m, v)
			}
		}
	}
	return m
}

func valueAt(s Series, i int) float64 {
	if i < len(s.Values) {
		return s.Values[i]
	}
	return 0
}

// monthLabel matches YYYY-MM category labels, drawn as 「7月」 with the
// year on a second line at the first month and at every January.
var monthLabel = regexp.MustCompile(`^(\d{4})-(\d{2})$`)

// categoryLines returns the lines each category label is drawn as, for
// categories spaced slot apart: month labels as 「M月」 (+ the year on a
// second line where it starts or changes), other labels wider than the
// slot split in two. When even that does not fit, only every k-th label is
// drawn (the others get no lines); the bars' <title>s and the table beside
// the chart name every category.
func categoryLines(labels []string, slot float64) [][]string {
	n := len(labels)
	out := make([][]string, n)
	months := n > 0
	for _, l := range labels {
		if !monthLabel.MatchString(l) {
			months = false
		}
	}
	need := 0.0
	for i, l := range labels {
		if months {
			m := monthLabel.FindStringSubmatch(l)
			mm, _ := strconv.Atoi(m[2])
			out[i] = []string{strconv.Itoa(mm) + "月", m[1]}
		} else {
			out[i] = []string{l}
			if textWidth(l, fontSize) > slot-6 {
				r := []rune(l)
				out[i] = []string{string(r[:(len(r)+1)/2]), string(r[(len(r)+1)/2:])}
			}
		}
		for _, s := range out[i] {
			need = math.Max(need, textWidth(s, fontSize)+6)
		}
	}
	k := every(n, slot, need)
	year := ""
	for i := range out {
		if i%k != 0 {
			out[i] = nil
			continue
		}
		if months {
			if out[i][1] == year {
				out[i] = out[i][:1]
			} else {
				year = out[i][1]
			}
		}
	}
	return out
}

// every returns k such that drawing every k-th of n items spaced by slot
// leaves each at least need wide.
func every(n int, slot, need float64) int {
	k := 1
	for k < n && slot*float64(k) < need {
		k++
	}
	return k
}

func (b Bar) value(v float64) string {
	if b.Percent {
		return strconv.FormatFloat(math.Round(v*1000)/10, 'f', 1, 64) + "%"
	}
	return num(v)
}

// SVG returns the chart as inline SVG markup in its scroll wrapper, safe
// to put in a page.
func (b Bar) SVG() template.HTML {
	c := b.draw()
	return c.close()
}

func (b Bar) draw() *canvas {
	if b.Horizontal {
		return b.horizontal()
	}
	return b.vertical()
}

func (b Bar) top() (float64, float64) {
	m := maxOf(b.Series)
	if b.Ref != nil {
		m = math.Max(m, b.Ref.Value)
	}
	if b.Max > 0 {
		m = b.Max
		return m, m / 4
	}
	return niceMax(m, 4)
}

// fill is the fill attribute of a bar: none (its series' <g> colours it)
// but for the highlighted category of a single series.
func (b Bar) fill(si, i int) string {
	if len(b.Series) == 1 && i == b.Highlight {
		return ` fill="` + accent + `"`
	}
	return ""
}

// legendItems are the series (when more than one) and the reference line.
func (b Bar) legendItems() []legendItem {
	var items []legendItem
	if len(b.Series) > 1 {
		for i, s := range b.Series {
			items = append(items, legendItem{name: s.Name, color: palette[i%len(palette)]})
		}
	}
	if b.Ref != nil {
		items = append(items, legendItem{name: "虚线：" + b.Ref.Label + " " + b.value(b.Ref.Value), color: accent, dashed: true})
	}
	return items
}

func (b Bar) vertical() *canvas {
	c := &canvas{}
	vmax, step := b.top()
	tickW := 0.0
	for t := 0.0; t <= vmax+step/1000; t += step {
		tickW = math.Max(tickW, textWidth(b.value(t), fontSize))
	}
	left := 24 + tickW + 8 // rotated axis title, tick labels
	const right = 8.0
	plotW := width - left - right
	n := len(b.Labels)
	ns := float64(len(b.Series))
	slot := plotW / float64(max(n, 1))
	bw := math.Min(slot*0.7/ns, 48)
	// Value labels: upright when they fit the bar (with a gap to the next
	// bar), else turned a quarter; the plot leaves room above for them.
	// Labels of one group are bw apart, of single bars slot apart; a
	// turned label needs a line's height. Bars too thin for that keep
	// their value in <title> and in the table beside the chart (grouped),
	// or carry it on every k-th bar (single).
	valW := 0.0
	for _, s := range b.Series {
		for i := range b.Labels {
			valW = math.Max(valW, textWidth(b.value(valueAt(s, i)), fontSize))
		}
	}
	apart := slot
	if ns > 1 {
		apart = bw
	}
	upright := valW+4 <= apart
	kv := 1
	if !upright && ns == 1 {
		kv = every(n, slot, fontSize+4)
	}
	showValues := upright || apart >= fontSize+4 || ns == 1
	above := fontSize + 4.0
	if !upright {
		above = valW + 6
	}
	items := b.legendItems()
	pos, rows := legendRows(items, left)
	head := 26.0 // below the title
	if rows > 0 {
		head += float64(rows)*lineH + 4
	}
	top := head + above
	const plotH = 200.0
	cats := categoryLines(b.Labels, slot)
	lines := 1
	for _, l := range cats {
		lines = max(lines, len(l))
	}
	bottom := 10 + float64(lines)*lineH
	if b.XLabel != "" {
		bottom += lineH + 4
	}
	h := top + plotH + bottom
	c.open(b.Title, b.Desc, h)
	c.legend(items, pos, 26+14)
	y := func(v float64) float64 { return top + plotH - v/vmax*plotH }
	c.ticks(vmax, step, func(t float64) [4]float64 { return [4]float64{left, left + plotW, y(t), y(t)} },
		func(t float64) (float64, float64, string, string) { return left - 6, y(t) + 5, "end", b.value(t) })
	x0 := func(i int) float64 { return left + slot*float64(i) + (slot-bw*ns)/2 }
	for si, s := range b.Series {
		c.printf(`<g fill="%s">`, palette[si%len(palette)])
		for i, l := range b.Labels {
			v := valueAt(s, i)
			c.printf(`<rect x="%s" y="%s" width="%s" height="%s"%s><title>%s%s：%s</title></rect>`,
				num(x0(i)+bw*float64(si)), num(y(v)), num(bw), num(y(0)-y(v)), b.fill(si, i), esc(l), seriesSuffix(b.Series, s), b.value(v))
		}
		c.printf(`</g>`)
	}
	for i := range b.Labels {
		for si, s := range b.Series {
			v := valueAt(s, i)
			x := x0(i) + bw*float64(si)
			switch {
			case !showValues || i%kv != 0:
			case upright:
				c.text(x+bw/2, y(v)-5, "middle", ink, fontSize, b.value(v), false)
			default:
				c.vtext(x+bw/2+5, y(v)-4, "start", ink, b.value(v))
			}
		}
		for j, s := range cats[i] {
			c.text(left+slot*float64(i)+slot/2, top+plotH+20+float64(j)*lineH, "middle", ink, fontSize, s, false)
		}
	}
	c.printf(`<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(left), num(left+plotW), num(y(0)), num(y(0)), ink)
	if b.Ref != nil {
		ry := y(b.Ref.Value)
		c.printf(`<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`, num(left), num(left+plotW), num(ry), num(ry), accent)
	}
	if b.XLabel != "" {
		c.text(left+plotW/2, h-8, "middle", muted, fontSize, b.XLabel, false)
	}
	if b.YLabel != "" {
		c.vtext(16, top+plotH/2, "middle", muted, b.YLabel)
	}
	return c
}

func (b Bar) horizontal() *canvas {
	c := &canvas{}
	cats := make([][]string, len(b.Labels))
	labelW := 0.0
	for i, l := range b.Labels {
		cats[i] = []string{l}
		if textWidth(l, fontSize) > 200 { // long names take two lines
			r := []rune(l)
			cats[i] = []string{string(r[:(len(r)+1)/2]), string(r[(len(r)+1)/2:])}
		}
		for _, s := range cats[i] {
			labelW = math.Max(labelW, textWidth(s, fontSize))
		}
	}
	lines := 1
	for _, l := range cats {
		lines = max(lines, len(l))
	}
	left := math.Max(labelW+12, 48)
	vmax, step := b.top()
	valW := 0.0
	for _, s := range b.Series {
		for i := range b.Labels {
			valW = math.Max(valW, textWidth(b.value(valueAt(s, i)), fontSize))
		}
	}
	right := valW + 10
	// the last tick label is centred on the plot's right end
	right = math.Max(right, textWidth(b.value(vmax), fontSize)/2+2)
	ns := float64(len(b.Series))
	barH := 20.0
	if ns > 1 {
		barH = 17
	}
	slot := math.Max(barH*ns+10, float64(lines)*lineH+6)
	plotH := slot * float64(max(len(b.Labels), 1))
	items := b.legendItems()
	pos, rows := legendRows(items, left)
	head := 26.0
	if rows > 0 {
		head += float64(rows)*lineH + 4
	}
	top := head + 8
	if b.XLabel != "" {
		top = head + lineH + 4 // the category title above the labels
	}
	bottom := 8.0 + lineH
	if b.YLabel != "" {
		bottom += lineH + 4
	}
	h := top + plotH + bottom
	c.open(b.Title, b.Desc, h)
	c.legend(items, pos, 26+14)
	plotW := width - left - right
	x := func(v float64) float64 { return left + v/vmax*plotW }
	c.ticks(vmax, step, func(t float64) [4]float64 { return [4]float64{x(t), x(t), top, top + plotH} },
		func(t float64) (float64, float64, string, string) {
			return x(t), top + plotH + 18, "middle", b.value(t)
		})
	y0 := func(i int) float64 { return top + slot*float64(i) + (slot-barH*ns)/2 }
	for si, s := range b.Series {
		c.printf(`<g fill="%s">`, palette[si%len(palette)])
		for i, l := range b.Labels {
			v := valueAt(s, i)
			c.printf(`<rect x="%s" y="%s" width="%s" height="%s"%s><title>%s%s：%s</title></rect>`,
				num(left), num(y0(i)+barH*float64(si)), num(x(v)-left), num(barH-1), b.fill(si, i), esc(l), seriesSuffix(b.Series, s), b.value(v))
		}
		c.printf(`</g>`)
	}
	for i := range b.Labels {
		for si, s := range b.Series {
			v := valueAt(s, i)
			c.text(x(v)+5, y0(i)+barH*float64(si)+barH/2+5, "start", ink, fontSize, b.value(v), false)
		}
		mid := top + slot*float64(i) + slot/2
		for j, s := range cats[i] {
			c.text(left-8, mid+5-float64(len(cats[i])-1)*lineH/2+float64(j)*lineH, "end", ink, fontSize, s, false)
		}
	}
	c.printf(`<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(left), num(left), num(top), num(top+plotH), ink)
	if b.Ref != nil {
		rx := x(b.Ref.Value)
		c.printf(`<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`, num(rx), num(rx), num(top), num(top+plotH), accent)
	}
	if b.XLabel != "" {
		c.text(left-8, top-8, "end", muted, fontSize, b.XLabel, false)
	}
	if b.YLabel != "" {
		c.text(left+plotW/2, h-8, "middle", muted, fontSize, b.YLabel, false)
	}
	return c
}

func seriesSuffix(all []Series, s Series) string {
	if len(all) < 2 || s.Name == "" {
		return ""
	}
	return " " + esc(s.Name)
}

// SVG returns the line chart as inline SVG markup in its scroll wrapper,
// safe to put in a page. Every point carries its value when the labels of
// neighbouring months fit side by side (otherwise every k-th point and the
// last do; the <title> of each point and the table beside the chart have
// all); labels that would overlap at one month are pushed apart.
func (c Line) SVG() template.HTML {
	return c.draw().close()
}

func (c Line) draw() *canvas {
	cv := &canvas{}
	vmax, step := niceMax(maxOf(c.Series), 4)
	tickW := 0.0
	for t := 0.0; t <= vmax+step/1000; t += step {
		tickW = math.Max(tickW, textWidth(num(t), fontSize))
	}
	left := 24 + tickW + 8
	const right = 24.0
	plotW := width - left - right
	n := len(c.Labels)
	items := make([]legendItem, 0, len(c.Series))
	for i, s := range c.Series {
		items = append(items, legendItem{name: s.Name, color: palette[i%len(palette)]})
	}
	if len(items) < 2 {
		items = nil
	}
	pos, rows := legendRows(items, left)
	head := 26.0
	if rows > 0 {
		head += float64(rows)*lineH + 4
	}
	ns := len(c.Series)
	// Room above the plot for the value labels stacked at the top.
	top := head + float64(max(ns, 1))*(fontSize+1) + 4
	const plotH = 200.0
	xs := make([]float64, n)
	gap := plotW - 32
	if n > 1 {
		gap = (plotW - 32) / float64(n-1)
	}
	for i := range xs {
		if n == 1 {
			xs[i] = left + plotW/2
		} else {
			xs[i] = left + 16 + gap*float64(i)
		}
	}
	cats := categoryLines(c.Labels, gap)
	lines := 1
	for _, l := range cats {
		lines = max(lines, len(l))
	}
	valW := 0.0
	for _, s := range c.Series {
		for i := range c.Labels {
			if v := valueAt(s, i); !math.IsNaN(v) {
				valW = math.Max(valW, textWidth(num(v), fontSize))
			}
		}
	}
	kv := every(n, gap, valW+4)
	bottom := 10 + float64(lines)*lineH
	if c.XLabel != "" {
		bottom += lineH + 4
	}
	h := top + plotH + bottom
	cv.open(c.Title, c.Desc, h)
	cv.legend(items, pos, 26+14)
	y := func(v float64) float64 { return top + plotH - v/vmax*plotH }
	cv.ticks(vmax, step, func(t float64) [4]float64 { return [4]float64{left, left + plotW, y(t), y(t)} },
		func(t float64) (float64, float64, string, string) { return left - 6, y(t) + 5, "end", num(t) })
	for i := range c.Labels {
		for j, s := range cats[i] {
			cv.text(xs[i], top+plotH+20+float64(j)*lineH, "middle", ink, fontSize, s, false)
		}
	}
	cv.printf(`<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(left), num(left+plotW), num(y(0)), num(y(0)), ink)
	dashes := []string{"", ` stroke-dasharray="8 4"`, ` stroke-dasharray="2 3"`, ` stroke-dasharray="10 3 2 3"`}
	for si, s := range c.Series {
		col := palette[si%len(palette)]
		var pts []string
		line := func() {
			if len(pts) > 1 {
				cv.printf(`<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>`, col, dashes[si%len(dashes)], strings.Join(pts, " "))
			}
			pts = pts[:0]
		}
		for i := range c.Labels {
			if v := valueAt(s, i); math.IsNaN(v) {
				line()
			} else {
				pts = append(pts, num(xs[i])+","+num(y(v)))
			}
		}
		line()
		cv.printf(`<g fill="%s">`, col)
		for i, l := range c.Labels {
			v := valueAt(s, i)
			if math.IsNaN(v) {
				continue
			}
			cv.printf(`<circle cx="%s" cy="%s" r="3.5"><title>%s %s：%s</title></circle>`, num(xs[i]), num(y(v)), esc(l), esc(s.Name), num(v))
		}
		cv.printf(`</g>`)
	}
	// Value labels of one month, stacked so that they never overlap: each
	// is wanted 7 units above its point; from the lowest up, a label moves
	// up to clear the one below; if the top one then leaves the room above
	// the plot, the stack is laid from that limit downwards instead.
	const step1 = fontSize + 1
	type placed struct {
		x, y float64
		txt  string
	}
	labels := make([][]placed, len(c.Series)) // per series, drawn in its colour's <g>
	for i := range c.Labels {
		if i%kv != 0 {
			continue
		}
		type lab struct {
			y   float64
			si  int
			txt string
		}
		var ls []lab
		for si, s := range c.Series {
			if v := valueAt(s, i); !math.IsNaN(v) {
				ls = append(ls, lab{y(v) - 7, si, num(v)})
			}
		}
		// lowest (largest y) first
		for a := 1; a < len(ls); a++ {
			for b := a; b > 0 && ls[b].y > ls[b-1].y; b-- {
				ls[b], ls[b-1] = ls[b-1], ls[b]
			}
		}
		for a := 1; a < len(ls); a++ {
			ls[a].y = math.Min(ls[a].y, ls[a-1].y-step1)
		}
		limit := head + fontSize + 2 // the baseline of the highest label
		if len(ls) > 0 && ls[len(ls)-1].y < limit {
			ls[len(ls)-1].y = limit
			for a := len(ls) - 2; a >= 0; a-- {
				ls[a].y = math.Max(ls[a].y, ls[a+1].y+step1)
			}
		}
		for _, l := range ls {
			labels[l.si] = append(labels[l.si], placed{xs[i], l.y, l.txt})
		}
	}
	for si, ls := range labels {
		cv.printf(`<g fill="%s">`, palette[si%len(palette)])
		for _, l := range ls {
			cv.text(l.x, l.y, "middle", "", fontSize, l.txt, false)
		}
		cv.printf(`</g>`)
	}
	if c.XLabel != "" {
		cv.text(left+plotW/2, h-8, "middle", muted, fontSize, c.XLabel, false)
	}
	if c.YLabel != "" {
		cv.vtext(16, top+plotH/2, "middle", muted, c.YLabel)
	}
	return cv
}
