package e2e

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"lpg/internal/household"
)

// smallRepo is the data repository the accessibility tests
// (TestAccessibility and the other a11yServer tests) build: the sample's data/ with every file
// kept (reference tables, inspections, receipts, liaisons, meetings, the
// masthead, every hazards and 汇总表 file) but only some rows of each
// hazards file and the 汇总表 rows of those hazards (smallRows). Its pages
// have every kind and every block of the sample's pages at a tenth of their
// size: the browser's work (axe-core, layout, focus rings, Tab) grows with
// the elements of a page. It is derived from data/ when the tests run, so
// it follows the sample; TestSmallRepoCoversSample fails when it no longer
// has a page kind, a block or a kind of focusable element of the sample.
// Templates come from the repository (../..) as for the sample.
func smallRepo(t *testing.T) fs.FS {
	t.Helper()
	small.once.Do(func() { small.fsys, small.err = deriveSmall(os.DirFS("../..")) })
	if small.err != nil {
		t.Fatal(small.err)
	}
	return small.fsys
}

var small struct {
	once sync.Once
	fsys fs.FS
	err  error
}

// dataOver reads data/ from data and everything else (templates/) from
// rest.
type dataOver struct{ data, rest fs.FS }

func (o dataOver) Open(name string) (fs.File, error) {
	if name == "data" || strings.HasPrefix(name, "data/") {
		return o.data.Open(name)
	}
	return o.rest.Open(name)
}

// smallListCap is the render.Options.ListCap of smallRepo's builds, so
// that its pages show the capped form of the lists that the sample's pages
// cap at 100 rows (the report's 用户逾期, departments/SCJG's open hazards)
// with both kinds of rows the sample shows: smallRepo's SCJG has 39 overdue
// and 4 not yet overdue open hazards, so 41 rows show both and a note.
// TestSmallRepoCoversSample fails when this no longer holds.
const smallListCap = 45

// keepFirst is how many rows of each hazards file smallRows keeps
// whatever they hold.
const keepFirst = 3

// lastPerType is how many hazards of each 隐患类别 of the last hazards
// month smallRows keeps (one of the other months): a department's list
// needs open hazards that are not overdue yet beside the overdue ones.
const lastPerType = 3

// a11yTown is the town of a11yPages' town page: smallRows keeps a row of
// each of its villages, so that its chart of villages is the capped one
// (未闭环隐患最多的 15 个村居) as in the sample.
const a11yTown = "朱家角镇"

// keepIDs are hazards the tests open by id (a11yPages).
var keepIDs = map[string]bool{"E01-202605-0001": true}

// hazardCols and rectCols are the columns whose every value smallRows keeps
// at least once: they choose the classes, badges and lists of the pages.
var (
	hazardCols = []string{"街镇", "用户类型", "隐患类别", "隐患等级", "现场处置"}
	rectCols   = []string{"整改状态", "整改方式", "未整改原因", "移交联合整治"}
	// filledCols: a row where the column is empty and one where it is
	// not.
	filledCols = []string{"联系电话", "隐患描述", "整改期限", "告知单编号", "备注", "核查人", "整改完成日期"}
)

// table is a CSV file read as lines (the sample's hazards and 汇总表 files
// have no quotes and no line breaks in cells).
type table struct {
	path   string
	header []string
	lines  []string // rows as written, without the line end
}

func (tb table) cell(row int, col string) string {
	f := strings.Split(strings.TrimRight(tb.lines[row], "\r"), ",")
	for i, h := range tb.header {
		if h == col && i < len(f) {
			return f[i]
		}
	}
	return ""
}

func readTable(fsys fs.FS, p string) (table, error) {
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return table{}, err
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	tb := table{path: p, header: strings.Split(strings.TrimPrefix(strings.TrimRight(lines[0], "\r"), "\ufeff"), ","), lines: lines[1:]}
	return tb, nil
}

// deriveSmall builds smallRepo from the repository root.
func deriveSmall(root fs.FS) (fs.FS, error) {
	out := fstest.MapFS{}
	var hazards, rects []table
	err := fs.WalkDir(root, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case strings.HasPrefix(p, "data/hazards/"):
			tb, err := readTable(root, p)
			hazards = append(hazards, tb)
			return err
		case strings.HasPrefix(p, "data/rectifications/"):
			tb, err := readTable(root, p)
			rects = append(rects, tb)
			return err
		}
		b, err := fs.ReadFile(root, p)
		out[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		return nil, err
	}
	keep := smallRows(hazards, rects)
	for _, tbs := range [][]table{hazards, rects} {
		for _, tb := range tbs {
			var b bytes.Buffer
			b.WriteString(strings.Join(tb.header, ",") + "\n")
			for i, l := range tb.lines {
				if keep[tb.cell(i, "隐患编号")] {
					b.WriteString(l + "\n")
				}
			}
			out[tb.path] = &fstest.MapFile{Data: b.Bytes(), Mode: 0o644}
		}
	}
	return dataOver{data: out, rest: root}, nil
}

// smallRows returns the hazard ids smallRepo keeps: the first keepFirst
// rows of every hazards and every 汇总表 file; the first row with each
// value of hazardCols, empty and filled in filledCols, per month the first
// of each 隐患类别 (lastPerType in the last month), per month and town the first without a 汇总表 row, per
// village of a11yTown the first, and per town the first hazard whose 汇总表
// row has each value of rectCols;
// every row of the first three households found in more than one row
// (重复隐患户); keepIDs.
func smallRows(hazards, rects []table) map[string]bool {
	keep := map[string]bool{}
	for id := range keepIDs {
		keep[id] = true
	}
	seen := map[string]bool{}
	mark := func(k, id string) {
		if !seen[k] {
			seen[k] = true
			keep[id] = true
		}
	}
	for _, tb := range hazards {
		for i := range tb.lines {
			id := tb.cell(i, "隐患编号")
			if i < keepFirst {
				keep[id] = true
			}
			for _, c := range hazardCols {
				mark(c+"="+tb.cell(i, c), id)
			}
			for _, c := range filledCols {
				mark(fmt.Sprint(c, " filled ", tb.cell(i, c) != ""), id)
			}
		}
	}
	reported := map[string]bool{}
	for _, tb := range rects {
		for i := range tb.lines {
			reported[tb.cell(i, "隐患编号")] = true
		}
	}
	last := ""
	for _, tb := range hazards {
		last = max(last, path.Base(path.Dir(tb.path)))
	}
	perType := map[string]int{}
	for _, tb := range hazards {
		month := path.Base(path.Dir(tb.path))
		for i := range tb.lines {
			id, town := tb.cell(i, "隐患编号"), tb.cell(i, "街镇")
			k := month + " " + tb.cell(i, "隐患类别")
			if perType[k]++; perType[k] <= 1 || month == last && perType[k] <= lastPerType {
				keep[id] = true
			}
			if !reported[id] {
				mark(month+" "+town+" 汇总表没有这一行", id)
			}
			if town == a11yTown {
				mark(town+" "+tb.cell(i, "村居"), id)
			}
		}
	}
	for _, tb := range rects {
		town, month := path.Base(tb.path), path.Base(path.Dir(tb.path))
		for i := range tb.lines {
			id := tb.cell(i, "隐患编号")
			if i < keepFirst || tb.cell(i, "移交联合整治") == "是" {
				keep[id] = true
			}
			for _, c := range rectCols {
				mark(town+" 汇总表 "+c+"="+tb.cell(i, c), id)
				mark(month+" 汇总表 "+c+"="+tb.cell(i, c), id)
			}
			for _, c := range filledCols {
				mark(fmt.Sprint("汇总表 ", c, " filled ", tb.cell(i, c) != ""), id)
			}
		}
	}
	// Households of more than one row: the first three, every row.
	byHouse := map[string][]string{}
	var order []string
	for _, tb := range hazards {
		for i := range tb.lines {
			k := tb.cell(i, "街镇") + "|" + household.NormalizeAddress(tb.cell(i, "用气地址"), tb.cell(i, "街镇"))
			if len(byHouse[k]) == 1 {
				order = append(order, k)
			}
			byHouse[k] = append(byHouse[k], tb.cell(i, "隐患编号"))
		}
	}
	for _, k := range order[:min(3, len(order))] {
		for _, id := range byHouse[k] {
			keep[id] = true
		}
	}
	return keep
}

// capped is the clause of a list's heading that says the page shows only
// part of it (render.Options.ListCap): smallRepo's lists are capped where
// the sample's are not.
var capped = regexp.MustCompile(`，本页列出[^，）]*`)

// digits are runs of digits, written # in page shapes.
var digits = regexp.MustCompile(`[0-9]+`)

// pageShape is what a page is made of, as a set of strings: each element
// as tag.classes, each id, role and the name of each region or group, each
// h1–h4 text without its capped clause (in names and texts digits are written # and places renames
// the towns, so that the meeting pack's sheet of one town stands for every
// town's), and each focusable
// element (a[href], button, input, select, textarea, [tabindex]) with the
// tag.classes of all its ancestors — the kinds TestAccessibility's
// focus ring check measures.
func pageShape(b []byte, places *strings.Replacer) (map[string]bool, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	attr := func(n *html.Node, k string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val, true
			}
		}
		return "", false
	}
	kind := func(n *html.Node) string {
		c, _ := attr(n, "class")
		cl := strings.Fields(c)
		sort.Strings(cl)
		return strings.Join(append([]string{n.Data}, cl...), ".")
	}
	text := func(n *html.Node) string {
		var b strings.Builder
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(n)
		return strings.Join(strings.Fields(b.String()), " ")
	}
	var walk func(n *html.Node, path []string)
	walk = func(n *html.Node, path []string) {
		if n.Type == html.ElementNode {
			k := kind(n)
			out["element "+k] = true
			if id, ok := attr(n, "id"); ok {
				out["id "+digits.ReplaceAllString(id, "#")] = true
			}
			if r, ok := attr(n, "role"); ok {
				name, _ := attr(n, "aria-label")
				out["role "+r+" "+places.Replace(digits.ReplaceAllString(name, "#"))] = true
			}
			switch n.Data {
			case "h1", "h2", "h3", "h4":
				out[n.Data+" "+places.Replace(digits.ReplaceAllString(capped.ReplaceAllString(text(n), ""), "#"))] = true
			}
			_, href := attr(n, "href")
			_, tabindex := attr(n, "tabindex")
			switch {
			case n.Data == "a" && href, n.Data == "button", n.Data == "input", n.Data == "select", n.Data == "textarea", tabindex:
				out["focusable "+strings.Join(append(path, k), " > ")] = true
			}
			path = append(path[:len(path):len(path)], k)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, path)
		}
	}
	walk(doc, nil)
	return out, nil
}

// siteShape is the set of page kinds of a site: the paths of its files
// with digits written # (reports/#-#/index.html, towns/#/E#-#-#.html).
func siteShape(files map[string][]byte) map[string]bool {
	out := map[string]bool{}
	for p := range files {
		out[digits.ReplaceAllString(p, "#")] = true
	}
	return out
}

// shapedPages are the pages TestSmallRepoCoversSample compares: a11yPages
// and pages (TestPagesLoadCleanly).
func shapedPages() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range append(append([]string(nil), a11yPages...), pages...) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// TestSmallRepoCoversSample: the small repository the browser tests run
// on (smallRepo) has, in both builds, every kind of file of the sample's
// site, and on every page of shapedPages every element kind, id,
// named region, heading and kind of focusable element (pageShape) that
// the sample's page has. When it fails, keep more rows in smallRows.
func TestSmallRepoCoversSample(t *testing.T) {
	t.Parallel()
	towns, err := readTable(os.DirFS("../.."), "data/reference/towns.csv")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := range towns.lines {
		names = append(names, towns.cell(i, "name"), "〈街镇〉")
	}
	places := strings.NewReplacer(names...)
	for _, b := range builds {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			full := editionFiles(t, "sample", b.internal)
			few := editionFiles(t, "small", b.internal)
			have := siteShape(few)
			var missing []string
			for k := range siteShape(full) {
				if !have[k] {
					missing = append(missing, k)
				}
			}
			sort.Strings(missing)
			for _, k := range missing {
				t.Errorf("%s build: the small repository has no file %s", b.name, k)
			}
			bigger, smaller := 0, 0
			for _, pg := range shapedPages() {
				if few[pg] == nil || full[pg] == nil {
					t.Errorf("%s build: %s missing (sample %v, small %v)", b.name, pg, full[pg] != nil, few[pg] != nil)
					continue
				}
				bigger += len(full[pg])
				smaller += len(few[pg])
				want, err := pageShape(full[pg], places)
				if err != nil {
					t.Fatal(err)
				}
				got, err := pageShape(few[pg], places)
				if err != nil {
					t.Fatal(err)
				}
				var lost []string
				for k := range want {
					if !got[k] {
						lost = append(lost, k)
					}
				}
				sort.Strings(lost)
				for _, k := range lost {
					t.Errorf("%s build %s: the small repository's page has no %s", b.name, pg, k)
				}
			}
			t.Logf("%s build: shapedPages %d bytes in the sample, %d in the small repository", b.name, bigger, smaller)
		})
	}
}
