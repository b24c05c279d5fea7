package chart

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Series is one named row of values, one per label of the chart.
type Series struct {
	Name   string
	Values []float64
}

// Ref is a horizontal (or, on a horizontal bar chart, vertical) reference
// line with its label, e.g. the district average closure rate.
type Ref struct {
	Label string
	Value float64
}

// Bar is a bar chart. One series draws plain bars; several draw groups of
// bars with a legend. Horizontal bars suit long category names (towns).
type Bar struct {
	Title      string   // <title>, aria-label and the caption drawn on top
	Desc       string   // <desc>: one sentence saying what the chart shows
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

// Line is a line chart over ordered labels (months).
type Line struct {
	Title, Desc    string
	XLabel, YLabel string
	Labels         []string
	Series         []Series
}

// Palette of the series: dark enough for white text and for contrast with
// the white background (WCAG 3:1 for graphics), distinct in grey scale.
var palette = []string{"#0b5cad", "#c2410c", "#6b21a8", "#15803d"}

const (
	width    = 640
	fontSize = 12
	ink      = "#1f2328"
	muted    = "#59636e"
	grid     = "#d0d7de"
	accent   = "#b42318"
)

// textWidth estimates the drawn width of s at fontSize: CJK characters are
// about one em wide, ASCII about 0.6 em.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w += 0.6
		} else {
			w++
		}
	}
	return w * fontSize
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

func (b Bar) value(v float64) string {
	if b.Percent {
		return strconv.FormatFloat(math.Round(v*1000)/10, 'f', 1, 64) + "%"
	}
	return num(v)
}

// head writes the opening tag, title and desc.
func head(sb *strings.Builder, title, desc string, h int) {
	fmt.Fprintf(sb, `<svg class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">`,
		width, h, width, h, esc(title))
	fmt.Fprintf(sb, "<title>%s</title><desc>%s</desc>", esc(title), esc(desc))
	fmt.Fprintf(sb, `<text x="0" y="16" font-size="14" font-weight="bold" fill="%s">%s</text>`, ink, esc(title))
}

// legend draws the series names from x at y; it returns nothing when there
// is a single series.
func legend(sb *strings.Builder, series []Series, x, y float64) {
	if len(series) < 2 {
		return
	}
	for i, s := range series {
		c := palette[i%len(palette)]
		fmt.Fprintf(sb, `<rect x="%s" y="%s" width="12" height="12" fill="%s"/><text x="%s" y="%s" font-size="%d" fill="%s">%s</text>`,
			num(x), num(y-10), c, num(x+16), num(y), fontSize, ink, esc(s.Name))
		x += 16 + textWidth(s.Name) + 16
	}
}

func maxOf(series []Series) float64 {
	m := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			m = math.Max(m, v)
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

// SVG returns the chart as inline SVG markup, safe to put in a page.
func (b Bar) SVG() template.HTML {
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

func (b Bar) color(si, i int) string {
	if len(b.Series) == 1 && i == b.Highlight {
		return accent
	}
	return palette[si%len(palette)]
}

func (b Bar) vertical() template.HTML {
	var sb strings.Builder
	const left, right, plotH = 56.0, 16.0, 200.0
	top := 40.0
	if len(b.Series) > 1 {
		top = 56
	}
	bottom := 52.0
	h := int(top + plotH + bottom)
	head(&sb, b.Title, b.Desc, h)
	legend(&sb, b.Series, left, 40)
	vmax, step := b.top()
	plotW := width - left - right
	y := func(v float64) float64 { return top + plotH - v/vmax*plotH }
	for t := 0.0; t <= vmax+step/1000; t += step {
		fmt.Fprintf(&sb, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(left), num(left+plotW), num(y(t)), num(y(t)), grid)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="end" fill="%s">%s</text>`, num(left-6), num(y(t)+4), muted, b.value(t))
	}
	n := len(b.Labels)
	if n > 0 {
		slot := plotW / float64(n)
		ns := float64(len(b.Series))
		bw := math.Min(slot*0.7/ns, 48)
		for i, l := range b.Labels {
			x0 := left + slot*float64(i) + (slot-bw*ns)/2
			for si, s := range b.Series {
				v := valueAt(s, i)
				x := x0 + bw*float64(si)
				fmt.Fprintf(&sb, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s%s：%s</title></rect>`,
					num(x), num(y(v)), num(bw), num(y(0)-y(v)), b.color(si, i), esc(l), seriesSuffix(b.Series, s), b.value(v))
				fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="%s">%s</text>`, num(x+bw/2), num(y(v)-4), ink, b.value(v))
			}
			fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="%d" text-anchor="middle" fill="%s">%s</text>`,
				num(left+slot*float64(i)+slot/2), num(top+plotH+16), fontSize, ink, esc(l))
		}
	}
	fmt.Fprintf(&sb, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(left), num(left+plotW), num(y(0)), num(y(0)), ink)
	if b.Ref != nil {
		ry := y(b.Ref.Value)
		fmt.Fprintf(&sb, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`, num(left), num(left+plotW), num(ry), num(ry), accent)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="end" fill="%s">%s %s</text>`, num(left+plotW), num(ry-4), accent, esc(b.Ref.Label), b.value(b.Ref.Value))
	}
	axisTitles(&sb, b.XLabel, b.YLabel, left+plotW/2, float64(h)-6, top+plotH/2)
	sb.WriteString("</svg>")
	return template.HTML(sb.String())
}

func (b Bar) horizontal() template.HTML {
	var sb strings.Builder
	labelW := 0.0
	for _, l := range b.Labels {
		labelW = math.Max(labelW, textWidth(l))
	}
	left := math.Max(labelW+12, 48)
	const right = 56.0
	top := 40.0
	if len(b.Series) > 1 {
		top = 56
	}
	ns := float64(len(b.Series))
	barH := 16.0
	if ns > 1 {
		barH = 12
	}
	slot := barH*ns + 10
	plotH := slot * float64(max(len(b.Labels), 1))
	bottom := 44.0
	h := int(top + plotH + bottom)
	head(&sb, b.Title, b.Desc, h)
	legend(&sb, b.Series, left, 40)
	vmax, step := b.top()
	plotW := width - left - right
	x := func(v float64) float64 { return left + v/vmax*plotW }
	for t := 0.0; t <= vmax+step/1000; t += step {
		fmt.Fprintf(&sb, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(x(t)), num(x(t)), num(top), num(top+plotH), grid)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="%s">%s</text>`, num(x(t)), num(top+plotH+14), muted, b.value(t))
	}
	for i, l := range b.Labels {
		y0 := top + slot*float64(i) + 5
		for si, s := range b.Series {
			v := valueAt(s, i)
			y := y0 + barH*float64(si)
			fmt.Fprintf(&sb, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s%s：%s</title></rect>`,
				num(left), num(y), num(x(v)-left), num(barH-1), b.color(si, i), esc(l), seriesSuffix(b.Series, s), b.value(v))
			fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" fill="%s">%s</text>`, num(x(v)+4), num(y+barH-4), ink, b.value(v))
		}
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="%d" text-anchor="end" fill="%s">%s</text>`,
			num(left-6), num(y0+barH*ns/2+4), fontSize, ink, esc(l))
	}
	fmt.Fprintf(&sb, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(left), num(left), num(top), num(top+plotH), ink)
	if b.Ref != nil {
		rx := x(b.Ref.Value)
		fmt.Fprintf(&sb, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`, num(rx), num(rx), num(top-4), num(top+plotH), accent)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="%s">%s %s</text>`, num(rx), num(top-8), accent, esc(b.Ref.Label), b.value(b.Ref.Value))
	}
	axisTitles(&sb, b.YLabel, "", left+plotW/2, float64(h)-6, 0)
	if b.XLabel != "" {
		fmt.Fprintf(&sb, `<text x="0" y="%s" font-size="11" fill="%s">%s</text>`, num(top-8), muted, esc(b.XLabel))
	}
	sb.WriteString("</svg>")
	return template.HTML(sb.String())
}

// axisTitles writes the title of the horizontal axis centred at (cx, by)
// and, when given, the vertical one rotated at the left edge, centred at cy.
func axisTitles(sb *strings.Builder, xt, yt string, cx, by, cy float64) {
	if xt != "" {
		fmt.Fprintf(sb, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="%s">%s</text>`, num(cx), num(by), muted, esc(xt))
	}
	if yt != "" {
		fmt.Fprintf(sb, `<text transform="translate(12 %s) rotate(-90)" font-size="11" text-anchor="middle" fill="%s">%s</text>`, num(cy), muted, esc(yt))
	}
}

func seriesSuffix(all []Series, s Series) string {
	if len(all) < 2 || s.Name == "" {
		return ""
	}
	return " " + esc(s.Name)
}

// SVG returns the line chart as inline SVG markup, safe to put in a page.
// Every point carries its value; labels that would overlap at one month are
// pushed apart.
func (c Line) SVG() template.HTML {
	var sb strings.Builder
	const left, right, top, plotH, bottom = 56.0, 24.0, 64.0, 200.0, 52.0
	h := int(top + plotH + bottom)
	head(&sb, c.Title, c.Desc, h)
	legend(&sb, c.Series, left, 40)
	vmax, step := niceMax(maxOf(c.Series), 4)
	plotW := width - left - right
	y := func(v float64) float64 { return top + plotH - v/vmax*plotH }
	for t := 0.0; t <= vmax+step/1000; t += step {
		fmt.Fprintf(&sb, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(left), num(left+plotW), num(y(t)), num(y(t)), grid)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="end" fill="%s">%s</text>`, num(left-6), num(y(t)+4), muted, num(t))
	}
	n := len(c.Labels)
	xs := make([]float64, n)
	for i := range xs {
		if n == 1 {
			xs[i] = left + plotW/2
		} else {
			xs[i] = left + 16 + (plotW-32)*float64(i)/float64(n-1)
		}
	}
	every := 1 // thin the month labels when they would collide
	if n > 0 {
		lw := 0.0
		for _, l := range c.Labels {
			lw = math.Max(lw, textWidth(l))
		}
		for every < n && (plotW-32)/float64(n-1+1)*float64(every) < lw+6 {
			every++
		}
	}
	for i, l := range c.Labels {
		if i%every != 0 && i != n-1 {
			continue
		}
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="%d" text-anchor="middle" fill="%s">%s</text>`, num(xs[i]), num(top+plotH+16), fontSize, ink, esc(l))
	}
	fmt.Fprintf(&sb, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, num(left), num(left+plotW), num(y(0)), num(y(0)), ink)
	dashes := []string{"", ` stroke-dasharray="8 4"`, ` stroke-dasharray="2 3"`, ` stroke-dasharray="10 3 2 3"`}
	for si, s := range c.Series {
		col := palette[si%len(palette)]
		var pts []string
		for i := range c.Labels {
			pts = append(pts, num(xs[i])+","+num(y(valueAt(s, i))))
		}
		if len(pts) > 1 {
			fmt.Fprintf(&sb, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>`, col, dashes[si%len(dashes)], strings.Join(pts, " "))
		}
		for i, l := range c.Labels {
			v := valueAt(s, i)
			fmt.Fprintf(&sb, `<circle cx="%s" cy="%s" r="3.5" fill="%s"><title>%s %s：%s</title></circle>`, num(xs[i]), num(y(v)), col, esc(l), esc(s.Name), num(v))
		}
	}
	// value labels, pushed apart per month
	for i := range c.Labels {
		type lab struct {
			y   float64
			si  int
			txt string
		}
		var ls []lab
		for si, s := range c.Series {
			v := valueAt(s, i)
			ls = append(ls, lab{y(v) - 7, si, num(v)})
		}
		// sort by y (insertion sort: few series)
		for a := 1; a < len(ls); a++ {
			for b := a; b > 0 && ls[b].y < ls[b-1].y; b-- {
				ls[b], ls[b-1] = ls[b-1], ls[b]
			}
		}
		for a := len(ls) - 2; a >= 0; a-- {
			if ls[a+1].y-ls[a].y < 12 {
				ls[a].y = ls[a+1].y - 12
			}
		}
		for _, l := range ls {
			fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="%s">%s</text>`, num(xs[i]), num(l.y), palette[l.si%len(palette)], l.txt)
		}
	}
	axisTitles(&sb, c.XLabel, c.YLabel, left+plotW/2, float64(h)-6, top+plotH/2)
	sb.WriteString("</svg>")
	return template.HTML(sb.String())
}
